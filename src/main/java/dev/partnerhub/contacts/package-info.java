@NullMarked
package dev.partnerhub.contacts;

import org.jspecify.annotations.NullMarked;
