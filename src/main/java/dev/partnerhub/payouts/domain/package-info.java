@NullMarked
package dev.partnerhub.payouts.domain;

import org.jspecify.annotations.NullMarked;
