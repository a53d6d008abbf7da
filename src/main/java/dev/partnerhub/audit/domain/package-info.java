@NullMarked
package dev.partnerhub.audit.domain;

import org.jspecify.annotations.NullMarked;
