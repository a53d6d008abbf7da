/**
 * The one merge-field syntax of every text an admin writes for partners and leads (e-mail
 * templates, broadcasts, promo tools, partner-center blocks): {@code {{field}}}.
 */
@NullMarked
package dev.partnerhub.support.merge;

import org.jspecify.annotations.NullMarked;
