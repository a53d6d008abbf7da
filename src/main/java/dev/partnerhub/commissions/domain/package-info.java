@NullMarked
package dev.partnerhub.commissions.domain;

import org.jspecify.annotations.NullMarked;
