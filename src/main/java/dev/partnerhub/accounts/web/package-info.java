@NullMarked
package dev.partnerhub.accounts.web;

import org.jspecify.annotations.NullMarked;
