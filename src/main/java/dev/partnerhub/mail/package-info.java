@NullMarked
package dev.partnerhub.mail;

import org.jspecify.annotations.NullMarked;
