@NullMarked
package dev.partnerhub.accounts.domain;

import org.jspecify.annotations.NullMarked;
