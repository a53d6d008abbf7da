@NullMarked
package dev.partnerhub.partners.web;

import org.jspecify.annotations.NullMarked;
