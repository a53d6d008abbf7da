@NullMarked
package dev.partnerhub.console;

import org.jspecify.annotations.NullMarked;
