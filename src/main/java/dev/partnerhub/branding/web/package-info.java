@NullMarked
package dev.partnerhub.branding.web;

import org.jspecify.annotations.NullMarked;
