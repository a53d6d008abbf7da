@NullMarked
package dev.partnerhub.commissions;

import org.jspecify.annotations.NullMarked;
