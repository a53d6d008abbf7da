@NullMarked
package dev.partnerhub;

import org.jspecify.annotations.NullMarked;
