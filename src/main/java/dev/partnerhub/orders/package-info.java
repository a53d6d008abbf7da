@NullMarked
package dev.partnerhub.orders;

import org.jspecify.annotations.NullMarked;
