@NullMarked
package dev.partnerhub.groups.web;

import org.jspecify.annotations.NullMarked;
