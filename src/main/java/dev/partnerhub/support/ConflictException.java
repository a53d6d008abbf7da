package dev.partnerhub.support;

/**
 * The request is valid but clashes with existing data (duplicate e-mail, code, order
 * replay with another body).
 */
public class ConflictException extends RuntimeException {

	private final String field;

	public ConflictException(String message) {
		this(null, message);
	}

	public ConflictException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The input field the conflict is about, for showing the message beside it; may be
	 * null.
	 */
	public String field() {
		return this.field;
	}

}
