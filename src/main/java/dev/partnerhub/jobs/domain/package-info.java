@NullMarked
package dev.partnerhub.jobs.domain;

import org.jspecify.annotations.NullMarked;
