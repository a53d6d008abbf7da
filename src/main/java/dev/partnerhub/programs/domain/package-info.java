@NullMarked
package dev.partnerhub.programs.domain;

import org.jspecify.annotations.NullMarked;
