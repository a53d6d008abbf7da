@NullMarked
package dev.partnerhub.payouts.web;

import org.jspecify.annotations.NullMarked;
