/**
 * Cross-cutting infrastructure every module may use: the embedded database, web helpers
 * (paging, CSV, problem details), nothing domain-specific.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.partnerhub.support;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
