@NullMarked
package dev.partnerhub.accounts;

import org.jspecify.annotations.NullMarked;
