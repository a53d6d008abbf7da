@NullMarked
package dev.partnerhub.webhooks.domain;

import org.jspecify.annotations.NullMarked;
