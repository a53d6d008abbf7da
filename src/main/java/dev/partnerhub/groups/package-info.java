/**
 * Groups of contacts: a name and a saved filter over contact fields, partner program and
 * status, and rollup fields ({@code rollup:<name>}), compiled with the rollups module's
 * {@code FilterCompiler} and evaluated at read time, so membership always reflects the
 * current values. A module of its own because contacts cannot depend on rollups (rollups
 * depends on partners, which depends on contacts): the contact and partner lists filter
 * by group through the {@code contacts.ContactGroupFilter} extension point this module
 * implements.
 */
@NullMarked
@ApplicationModule
package dev.partnerhub.groups;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
