package dev.partnerhub.support.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.UnprocessableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every JSON API error is {@code application/problem+json}: validation errors list the
 * fields, unknown JSON fields and unreadable bodies are 400, conflicts 409, and nothing
 * leaks a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage());
		if (ex.field() != null) {
			problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		}
		return problem;
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage());
		if (ex.field() != null) {
			problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		}
		return problem;
	}

	/**
	 * Well-formed but not processable with what is stored (an order without the exchange
	 * rate it needs).
	 */
	@ExceptionHandler(UnprocessableException.class)
	ResponseEntity<ProblemDetail> unprocessable(UnprocessableException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request", ex.getMessage());
		if (ex.field() != null) {
			problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		}
		return ResponseEntity.unprocessableContent().body(problem);
	}

	/**
	 * Not a client error: bad input is reported with {@link InvalidInputException} (400),
	 * {@link ConflictException} (409) or {@link UnprocessableException} (422) by the code
	 * that checks it. An IllegalArgumentException that gets here is a broken invariant or
	 * a library bug; it is logged, and the client sees a 500 without the message.
	 */
	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail illegalArgument(IllegalArgumentException ex) {
		log.error("Unexpected IllegalArgumentException, answered 500", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
				"Something went wrong on our side; quote the requestId when you report it.");
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrity(DataIntegrityViolationException ex) {
		log.debug("Constraint violation", ex);
		return problem(HttpStatus.CONFLICT, "Conflict", "The request conflicts with existing data.");
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail concurrentUpdate(OptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict", "The record was changed by someone else; reload and retry.");
	}

	/**
	 * PostgreSQL unreachable: 503 with Retry-After, the client may retry (orders are
	 * idempotent by orderId).
	 */
	@ExceptionHandler({ org.springframework.jdbc.CannotGetJdbcConnectionException.class,
			org.springframework.dao.DataAccessResourceFailureException.class,
			org.springframework.dao.TransientDataAccessResourceException.class,
			org.springframework.transaction.CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException ex) {
		log.warn("Database unavailable, answered 503: {}", DatabaseFailures.rootMessage(ex));
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
					"The database is not reachable right now. Please retry in a few seconds."));
	}

	/** Problems built by the Spring MVC base class carry the request id too. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && RequestIdFilter.current() != null) {
			problem.setProperty("requestId", RequestIdFilter.current());
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "Some fields are invalid.");
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Unreadable reason = readableReason(ex);
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request", reason.message());
		if (reason.field() != null) {
			problem.setProperty("errors", List.of(Map.of("field", reason.field(), "message", reason.message())));
		}
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	private record Unreadable(String field, String message) {
	}

	/**
	 * Names the offending JSON field (with its path, {@code items[0].quantity}) without
	 * echoing Jackson's internals.
	 */
	private static Unreadable readableReason(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
			return new Unreadable(path(unknown), "Unknown field '" + unknown.getPropertyName() + "'.");
		}
		if (cause instanceof StrictJsonInput.InvalidMoneyException money) {
			String field = path(money);
			return new Unreadable(field, "'" + field + "' " + money.getOriginalMessage());
		}
		if (cause instanceof tools.jackson.core.exc.StreamReadException read && read.processor() != null) {
			String field = path(read.processor().streamReadContext());
			if (read.getOriginalMessage() != null
					&& read.getOriginalMessage().startsWith("Duplicate Object property")) {
				return new Unreadable(field, "'" + field + "' appears more than once; send each field once.");
			}
			if (read instanceof tools.jackson.core.exc.InputCoercionException && !field.isEmpty()) {
				return new Unreadable(field, "'" + field + "' is out of range.");
			}
		}
		if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
				&& !mismatch.getPath().isEmpty() && isWholeNumber(mismatch.getTargetType())) {
			String field = path(mismatch);
			return new Unreadable(field, "'" + field + "' must be a whole number such as 1.");
		}
		if (cause instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
			String field = path(databind);
			if (!field.isEmpty()) {
				return new Unreadable(field, "Field '" + field + "' has an invalid value.");
			}
		}
		return new Unreadable(null, "The request body is not valid JSON for this endpoint.");
	}

	private static boolean isWholeNumber(Class<?> type) {
		return type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class;
	}

	/**
	 * {@code items[0].unitPrice} from where the parser stood (read errors carry no
	 * reference path).
	 */
	private static String path(tools.jackson.core.TokenStreamContext context) {
		java.util.Deque<String> parts = new java.util.ArrayDeque<>();
		for (tools.jackson.core.TokenStreamContext at = context; at != null
				&& at.getParent() != null; at = at.getParent()) {
			if (at.inArray()) {
				parts.addFirst("[" + Math.max(at.getCurrentIndex(), 0) + "]");
			}
			else if (at.inObject() && at.currentName() != null) {
				parts.addFirst("." + at.currentName());
			}
		}
		String path = String.join("", parts);
		path = path.startsWith(".") ? path.substring(1) : path;
		return path.length() > 200 ? path.substring(0, 200) : path;
	}

	/** {@code items[0].unitPrice} from Jackson's reference path. */
	private static String path(tools.jackson.databind.DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (tools.jackson.databind.DatabindException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.length() > 200 ? path.substring(0, 200) : path.toString();
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		if (RequestIdFilter.current() != null) {
			// Quoted in support requests: leads to the log lines of this request.
			problem.setProperty("requestId", RequestIdFilter.current());
		}
		return problem;
	}

}
