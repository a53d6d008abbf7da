@NullMarked
package dev.partnerhub.notices.web;

import org.jspecify.annotations.NullMarked;
