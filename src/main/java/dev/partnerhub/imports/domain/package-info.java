@NullMarked
package dev.partnerhub.imports.domain;

import org.jspecify.annotations.NullMarked;
