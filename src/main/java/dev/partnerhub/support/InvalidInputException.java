package dev.partnerhub.support;

/**
 * Input that passed bean validation but breaks a domain rule (a cycle of parents, an
 * unknown program, ...). {@code field} is the machine path
 * ({@code filter.conditions[0].value}); the message says the row and field in words
 * ({@link FieldPaths}).
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(FieldPaths.inWords(message));
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
