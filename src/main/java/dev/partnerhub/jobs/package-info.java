/**
 * Background jobs: one table ({@code job}: kind, status, cursor, heartbeat, progress),
 * one executor, one sweeper under ShedLock that resumes jobs a dead worker left. Modules
 * plug in with a {@link dev.partnerhub.jobs.JobHandler} for their kind and submit through
 * {@link dev.partnerhub.jobs.JobApi}; what a job works on stays in the module's own
 * tables (docs/architecture.md, "Background jobs").
 */
@NullMarked
package dev.partnerhub.jobs;

import org.jspecify.annotations.NullMarked;
