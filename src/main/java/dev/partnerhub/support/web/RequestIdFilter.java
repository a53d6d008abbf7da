package dev.partnerhub.support.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a sane token,
 * else a new one): it is in the MDC as {@code requestId} for every log line of the
 * request, in the {@code X-Request-Id} response header and in problem+json error bodies,
 * so a user's error report leads to the log lines.
 * <p>
 * It is also the outermost guard against a lost database: a request that fails because
 * PostgreSQL is unreachable (no connection within Hikari's 3 s, connection reset, ...) —
 * wherever that happens, also in the session filter before any controller — becomes a 503
 * with {@code Retry-After}: problem+json for the API, a short page for people. Never a
 * 500 with a stack trace; the next request simply tries the pool again, so the app
 * recovers on its own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestIdFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

	/** The current request's id, or null outside a request. */
	public static String current() {
		return MDC.get(MDC_KEY);
	}

	/**
	 * 16 hex digits. Not a secret, so no {@code UUID.randomUUID()}: its shared
	 * {@code SecureRandom} and string surgery cost every request (also every click).
	 */
	static String newId() {
		String hex = Long.toHexString(ThreadLocalRandom.current().nextLong());
		return hex.length() == 16 ? hex : "0".repeat(16 - hex.length()) + hex;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = given != null && SANE.matcher(given).matches() ? given : newId();
		MDC.put(MDC_KEY, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!DatabaseFailures.isUnavailable(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Database unavailable, answered 503: {}", DatabaseFailures.rootMessage(ex));
			unavailable(request, response, id);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	private static void unavailable(HttpServletRequest request, HttpServletResponse response, String id)
			throws IOException {
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "5");
		response.setHeader("Cache-Control", "no-store");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String accept = String.valueOf(request.getHeader("Accept"));
		boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/")
				|| (accept.contains("json") && !accept.contains("text/html"));
		if (api) {
			response.setContentType("application/problem+json");
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
						+ "\"detail\":\"The database is not reachable right now. Please retry in a few seconds.\","
						+ "\"requestId\":\"" + id + "\"}");
		}
		else {
			response.setContentType("text/html");
			response.getWriter()
				.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
						+ "content=\"width=device-width, initial-scale=1\"><title>Temporarily unavailable</title>"
						+ "</head><body><main><h1>Temporarily unavailable</h1><p>Partnerhub cannot reach its "
						+ "database right now. Nothing was lost; please try again in a few seconds.</p>"
						+ "<p><small>Request id: " + id + "</small></p></main></body></html>");
		}
		response.flushBuffer();
	}

}
