/**
 * Operations: business metrics for Prometheus (orders, commissions, outbox backlog, bulk
 * job progress), the actuator's security (health public, details and metrics for admins
 * or a scrape token). Listens to other modules' events and reads a few counters with
 * plain SQL; nothing depends on it.
 */
@NullMarked
package dev.partnerhub.ops;

import org.jspecify.annotations.NullMarked;
