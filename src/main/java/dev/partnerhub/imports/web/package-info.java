@NullMarked
package dev.partnerhub.imports.web;

import org.jspecify.annotations.NullMarked;
