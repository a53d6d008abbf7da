@NullMarked
package dev.partnerhub.automation.domain;

import org.jspecify.annotations.NullMarked;
