@NullMarked
package dev.partnerhub.tracking.web;

import org.jspecify.annotations.NullMarked;
