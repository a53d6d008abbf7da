package dev.partnerhub.support;

/**
 * Input that passed bean validation but breaks a domain rule (a cycle of parents, an
 * unknown program, ...).
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
