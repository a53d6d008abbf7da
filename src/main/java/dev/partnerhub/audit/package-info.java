@NullMarked
package dev.partnerhub.audit;

import org.jspecify.annotations.NullMarked;
