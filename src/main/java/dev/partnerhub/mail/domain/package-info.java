@NullMarked
package dev.partnerhub.mail.domain;

import org.jspecify.annotations.NullMarked;
