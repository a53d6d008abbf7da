/**
 * The filter catalog's assembly from the modules'
 * {@link dev.partnerhub.filters.FilterFieldProvider}s.
 */
package dev.partnerhub.filters.domain;
