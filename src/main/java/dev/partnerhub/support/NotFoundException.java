package dev.partnerhub.support;

/** A named thing does not exist: 404 in the API, a not-found page in the console. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
