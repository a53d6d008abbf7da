@NullMarked
package dev.partnerhub.tracking;

import org.jspecify.annotations.NullMarked;
