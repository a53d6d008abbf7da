package dev.partnerhub.support.web;

import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only our own client-error types are 4xx: an IllegalArgumentException reaching the API's
 * advice is a bug (a broken invariant, a library's complaint), answered 500 without its
 * message, not "Invalid request".
 */
class ApiExceptionHandlerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	@Test
	void anUnexpectedIllegalArgumentIsA500WithoutItsMessage() {
		ProblemDetail problem = this.handler
			.illegalArgument(new IllegalArgumentException("alias must be plain: rc.id"));
		assertThat(problem.getStatus()).isEqualTo(500);
		assertThat(problem.getDetail()).doesNotContain("alias");
	}

	@Test
	void invalidInputIsA400NamingTheField() {
		ProblemDetail problem = this.handler.invalid(new InvalidInputException("email", "E-mail is required."));
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).isEqualTo("E-mail is required.");
		assertThat(problem.getProperties()).containsKey("errors");
	}

}
