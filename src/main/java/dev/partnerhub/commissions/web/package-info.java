@NullMarked
package dev.partnerhub.commissions.web;

import org.jspecify.annotations.NullMarked;
