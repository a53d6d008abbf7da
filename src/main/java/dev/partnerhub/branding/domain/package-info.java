@NullMarked
package dev.partnerhub.branding.domain;

import org.jspecify.annotations.NullMarked;
