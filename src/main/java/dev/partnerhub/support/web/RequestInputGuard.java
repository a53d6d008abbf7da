package dev.partnerhub.support.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400, a request whose path or parameters carry text no page or column can hold: NUL characters
 * (PostgreSQL rejects them in text, which surfaced as a 500 from any lookup or insert) and unpaired UTF-16 surrogates
 * (not encodable; some libraries fail on them). Checked once here instead of in every form and controller.
 */
@Component
class RequestInputGuard extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (unusable(request)) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			if (path.startsWith("/api/")) {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("UTF-8");
				response.getWriter()
					.write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
							+ "\"detail\":\"The request contains characters that are not allowed (NUL or invalid Unicode).\"}");
			}
			else {
				response.setContentType("text/plain;charset=UTF-8");
				response.getWriter().write("The request contains characters that are not allowed.");
			}
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean unusable(HttpServletRequest request) {
		String uri = request.getRequestURI();
		if (uri != null && (uri.contains("%00") || bad(uri))) {
			return true;
		}
		if (bad(request.getServletPath()) || bad(request.getPathInfo())) {
			return true;
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
			// parsing an upload here would move its size errors out of the MVC error handling (UploadLimitAdvice)
			return false;
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (bad(parameter.getKey())) {
				return true;
			}
			for (String value : parameter.getValue()) {
				if (bad(value)) {
					return true;
				}
			}
		}
		return false;
	}

	static boolean bad(String text) {
		if (text == null) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return true;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return true;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

}
