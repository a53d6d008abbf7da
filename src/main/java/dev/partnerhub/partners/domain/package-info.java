@NullMarked
package dev.partnerhub.partners.domain;

import org.jspecify.annotations.NullMarked;
