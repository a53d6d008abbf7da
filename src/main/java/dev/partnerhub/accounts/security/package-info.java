@NullMarked
package dev.partnerhub.accounts.security;

import org.jspecify.annotations.NullMarked;
