package dev.partnerhub.integrations.domain;

/**
 * A verified Stripe event that cannot be applied as it is (no e-mail, no amount, an
 * unknown currency): it is recorded as rejected with this message and answered 200, since
 * Stripe would send the same event again and again.
 */
class StripeEventException extends RuntimeException {

	StripeEventException(String message) {
		super(message, null, false, false);
	}

}
