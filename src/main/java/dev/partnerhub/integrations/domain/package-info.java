@NullMarked
package dev.partnerhub.integrations.domain;

import org.jspecify.annotations.NullMarked;
