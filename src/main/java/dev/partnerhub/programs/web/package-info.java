@NullMarked
package dev.partnerhub.programs.web;

import org.jspecify.annotations.NullMarked;
