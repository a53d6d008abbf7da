@NullMarked
package dev.partnerhub.integrations.web;

import org.jspecify.annotations.NullMarked;
