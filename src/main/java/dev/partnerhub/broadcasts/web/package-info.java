@NullMarked
package dev.partnerhub.broadcasts.web;

import org.jspecify.annotations.NullMarked;
