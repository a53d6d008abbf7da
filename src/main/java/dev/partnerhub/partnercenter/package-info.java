/**
 * The partner-facing site under {@code /partner}: what a logged-in partner sees of his
 * program, links and earnings. Reads other modules through their APIs only, always for
 * the logged-in partner himself.
 */
@NullMarked
@ApplicationModule
package dev.partnerhub.partnercenter;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
