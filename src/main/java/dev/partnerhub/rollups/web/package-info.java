@NullMarked
package dev.partnerhub.rollups.web;

import org.jspecify.annotations.NullMarked;
