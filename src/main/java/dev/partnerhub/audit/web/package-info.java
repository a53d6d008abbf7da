@NullMarked
package dev.partnerhub.audit.web;

import org.jspecify.annotations.NullMarked;
