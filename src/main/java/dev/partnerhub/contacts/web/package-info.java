@NullMarked
package dev.partnerhub.contacts.web;

import org.jspecify.annotations.NullMarked;
