/**
 * Sales from where they happen: the Stripe webhook turns signed Stripe events (Checkout,
 * subscription invoices, refunds, cancellations) into orders, charges, refunds and
 * closings, each event applied once; the WooCommerce and Shopify webhooks do the same for
 * shop orders and refunds; the console's Integrations page holds the webhook secrets and
 * shows what arrived. Orders go through the orders module's public {@code OrderApi},
 * partner coupons through {@code partners.CouponApi}, products through
 * {@code ProgramApi}.
 */
@NullMarked
@ApplicationModule
package dev.partnerhub.integrations;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
