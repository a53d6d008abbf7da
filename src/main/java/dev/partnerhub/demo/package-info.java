/**
 * Believable demo data for the default (embedded) run, so a newcomer sees a working
 * partner business at once.
 */
@ApplicationModule(allowedDependencies = { "accounts", "automation", "commissions", "contacts", "filters", "mail",
		"orders", "partners", "programs", "rollups", "support", "tracking" })
@NullMarked
package dev.partnerhub.demo;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
