@NullMarked
package dev.partnerhub.support.database;

import org.jspecify.annotations.NullMarked;
