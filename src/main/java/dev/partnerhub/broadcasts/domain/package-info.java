@NullMarked
package dev.partnerhub.broadcasts.domain;

import org.jspecify.annotations.NullMarked;
