@NullMarked
package dev.partnerhub.orders.web;

import org.jspecify.annotations.NullMarked;
