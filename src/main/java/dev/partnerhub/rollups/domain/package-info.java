@NullMarked
package dev.partnerhub.rollups.domain;

import org.jspecify.annotations.NullMarked;
