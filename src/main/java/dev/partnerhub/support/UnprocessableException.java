package dev.partnerhub.support;

/**
 * Well-formed input the application cannot act on with what it has stored (an order in a
 * currency for which no exchange rate is stored): 422 in the API.
 */
public class UnprocessableException extends RuntimeException {

	private final String field;

	public UnprocessableException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
