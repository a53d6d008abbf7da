@NullMarked
package dev.partnerhub.contacts.domain;

import org.jspecify.annotations.NullMarked;
