@NullMarked
package dev.partnerhub.tracking.domain;

import org.jspecify.annotations.NullMarked;
