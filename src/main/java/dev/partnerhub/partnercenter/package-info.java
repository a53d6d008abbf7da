/**
 * The partner-facing site under {@code /partner}: what a logged-in partner sees of his
 * program, links and earnings. Reads other modules through their APIs only, always for
 * the logged-in partner himself.
 */
@ApplicationModule
package dev.partnerhub.partnercenter;

import org.springframework.modulith.ApplicationModule;
