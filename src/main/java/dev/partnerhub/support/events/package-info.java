@NullMarked
package dev.partnerhub.support.events;

import org.jspecify.annotations.NullMarked;
