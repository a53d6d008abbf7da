package dev.partnerhub.integrations.domain;

/**
 * A verified shop delivery that cannot be booked as it is (no e-mail, an unknown
 * currency, an amount that is no money): recorded as rejected with this message and
 * answered 200, since the shop would send it again and again.
 */
class ShopEventException extends RuntimeException {

	ShopEventException(String message) {
		super(message, null, false, false);
	}

}
