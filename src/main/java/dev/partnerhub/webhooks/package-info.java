/**
 * Outgoing webhooks: endpoints registered in the console or the API receive the program's
 * events ({@code partner.created}, {@code commission.approved}, ...) signed the Standard
 * Webhooks way. Events arrive through registry-backed listeners and are stored in an
 * outbox (one delivery per endpoint and message) before a background sender posts them,
 * with retries and backoff; a delivery log with "send again" in the console. Target URLs
 * pass an SSRF check when registered and again, resolved, before every attempt.
 */
@ApplicationModule
@NullMarked
package dev.partnerhub.webhooks;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
