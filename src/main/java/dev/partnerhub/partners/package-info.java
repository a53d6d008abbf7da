@NullMarked
package dev.partnerhub.partners;

import org.jspecify.annotations.NullMarked;
