/**
 * Notices: the automatic e-mails that tell a partner what happened to him (approved, a
 * new commission, commissions approved, a payout sent, a tier-2 partner joined under
 * him). Registry-backed listeners of the owners' events queue the editable mail templates
 * {@code notice-*} with a dedupe key per occasion, so a redelivered event sends nothing
 * twice. Admins turn each notice off per program; partners turn categories off in the
 * partner center or with the unsubscribe link.
 */
@NullMarked
@ApplicationModule
package dev.partnerhub.notices;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
