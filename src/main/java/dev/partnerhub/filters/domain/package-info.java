/**
 * The filter catalog's assembly from the modules'
 * {@link dev.partnerhub.filters.FilterFieldProvider}s.
 */
@NullMarked
package dev.partnerhub.filters.domain;

import org.jspecify.annotations.NullMarked;
