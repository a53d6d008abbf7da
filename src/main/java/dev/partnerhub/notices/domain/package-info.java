@NullMarked
package dev.partnerhub.notices.domain;

import org.jspecify.annotations.NullMarked;
