@NullMarked
package dev.partnerhub.webhooks.web;

import org.jspecify.annotations.NullMarked;
