@NullMarked
package dev.partnerhub.support.web;

import org.jspecify.annotations.NullMarked;
