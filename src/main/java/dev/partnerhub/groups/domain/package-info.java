@NullMarked
package dev.partnerhub.groups.domain;

import org.jspecify.annotations.NullMarked;
