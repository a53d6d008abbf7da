@NullMarked
package dev.partnerhub.automation;

import org.jspecify.annotations.NullMarked;
