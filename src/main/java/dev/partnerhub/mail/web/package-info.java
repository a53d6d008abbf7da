@NullMarked
package dev.partnerhub.mail.web;

import org.jspecify.annotations.NullMarked;
