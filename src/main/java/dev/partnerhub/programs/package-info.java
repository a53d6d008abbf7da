@NullMarked
package dev.partnerhub.programs;

import org.jspecify.annotations.NullMarked;
