package dev.partnerhub.support.web;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Text no page or column can hold never reaches a controller: NUL characters (PostgreSQL
 * rejects them in text, which surfaced as a 500 from lookups and inserts) are dropped
 * from parameter values, unpaired UTF-16 surrogates (not encodable; some libraries fail
 * on them) become U+FFFD, as a UTF-8 decoder would make them; a path containing either is
 * refused with 400. Done once here instead of in every form and controller (console lists
 * already forgave NUL: {@link ListParams#trimmed}).
 */
@Component
// early, before Spring Security reads user names and tokens; parameters are read lazily,
// after the encoding is set
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class RequestInputGuard extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI();
		if ((uri != null && (uri.contains("%00") || bad(uri))) || bad(request.getServletPath())
				|| bad(request.getPathInfo())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			if (uri.substring(request.getContextPath().length()).startsWith("/api/")) {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("UTF-8");
				response.getWriter()
					.write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
							+ "\"detail\":\"The path contains characters that are not allowed (NUL or invalid Unicode).\"}");
			}
			else {
				response.setContentType("text/plain;charset=UTF-8");
				response.getWriter().write("The address contains characters that are not allowed.");
			}
			return;
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
			// parsing an upload here would move its size errors out of the MVC error
			// handling (UploadLimitAdvice)
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new CleanParameters(request), response);
	}

	static boolean bad(String text) {
		return text != null && !clean(text).equals(text);
	}

	/**
	 * Without NUL characters, unpaired surrogates replaced by U+FFFD; the same instance
	 * when nothing changes.
	 */
	static @Nullable String clean(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			boolean drop = c == 0;
			boolean replace = !pair && Character.isSurrogate(c);
			if ((drop || replace) && out == null) {
				out = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (out != null) {
				if (replace) {
					out.append('\uFFFD');
				}
				else if (!drop) {
					out.append(c);
					if (pair) {
						out.append(text.charAt(i + 1));
					}
				}
			}
			if (pair) {
				i++;
			}
		}
		return out == null ? text : out.toString();
	}

	private static final class CleanParameters extends HttpServletRequestWrapper {

		private Map<String, String[]> parameters;

		CleanParameters(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			if (this.parameters == null) {
				Map<String, String[]> cleaned = new LinkedHashMap<>();
				super.getParameterMap().forEach((name, values) -> {
					String[] copy = new String[values.length];
					for (int i = 0; i < values.length; i++) {
						copy[i] = clean(values[i]);
					}
					cleaned.put(name, copy);
				});
				this.parameters = Collections.unmodifiableMap(cleaned);
			}
			return this.parameters;
		}

		@Override
		public String getParameter(String name) {
			String[] values = getParameterMap().get(name);
			return values == null || values.length == 0 ? null : values[0];
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = getParameterMap().get(name);
			return values == null ? null : values.clone();
		}

	}

}
