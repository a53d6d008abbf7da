@NullMarked
package dev.partnerhub.partnercenter.domain;

import org.jspecify.annotations.NullMarked;
