@NullMarked
package dev.partnerhub.orders.domain;

import org.jspecify.annotations.NullMarked;
