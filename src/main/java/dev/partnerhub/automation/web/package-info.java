@NullMarked
package dev.partnerhub.automation.web;

import org.jspecify.annotations.NullMarked;
