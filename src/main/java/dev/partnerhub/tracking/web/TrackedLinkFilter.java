package dev.partnerhub.tracking.web;

import java.io.IOException;
import java.util.Optional;

import dev.partnerhub.support.web.PageHeaders;
import dev.partnerhub.tracking.domain.TrackingService;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Answers the common tracked link, {@code GET /r/{partnerCode}} of an approved partner
 * with a plain code, before the rest of the filter chain: right after the request id,
 * ahead of Spring Session, the input guard, Spring Security's chains and the
 * DispatcherServlet, which a click does not need and which cost about a third of its CPU
 * (docs/benchmarks.md). It writes what the lean tracking chain and
 * {@link RedirectController} would: the same security headers ({@link PageHeaders}), the
 * 302 and the cookie.
 * <p>
 * Everything else goes down the chain unchanged, to the controller and its error pages:
 * unknown or suspended partners (the 404 page), codes with percent-encoding or other
 * characters, parameters with characters the input guard would clean, other methods.
 * Registered for {@code /r/*} right after the request id
 * ({@code RedirectController.Mapping}).
 */
class TrackedLinkFilter implements Filter {

	private static final String PREFIX = "/r/";

	private static final int LONGEST_CODE = 40;

	private final TrackingService tracking;

	TrackedLinkFilter(TrackingService tracking) {
		this.tracking = tracking;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
				&& request.getDispatcherType() == DispatcherType.REQUEST && answered(request, response)) {
			return;
		}
		chain.doFilter(req, res);
	}

	private boolean answered(HttpServletRequest request, HttpServletResponse response) {
		String method = request.getMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			return false;
		}
		String code = plainCode(request.getRequestURI(), request.getContextPath().length());
		if (code == null) {
			return false;
		}
		String tool = request.getParameter("tool");
		String sub = request.getParameter("sub");
		if (!plain(tool) || !plain(sub)) {
			return false;
		}
		Optional<TrackingService.Redirect> found = this.tracking.click(code, tool, sub, request.getRemoteAddr(),
				request.getHeader(HttpHeaders.USER_AGENT));
		if (found.isEmpty()) {
			return false;
		}
		PageHeaders.write(request, response);
		RedirectController.redirect(found.get(), request, response);
		return true;
	}

	/**
	 * The code after {@code /r/} when it is 1 to 40 unreserved URL characters (letters,
	 * digits, {@code -._~}): the same text the controller would get, no decoding needed.
	 */
	static @Nullable String plainCode(String uri, int contextLength) {
		int start = contextLength + PREFIX.length();
		int length = uri.length() - start;
		if (length < 1 || length > LONGEST_CODE || !uri.startsWith(PREFIX, contextLength)) {
			return null;
		}
		for (int i = start; i < uri.length(); i++) {
			char c = uri.charAt(i);
			boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '~' || (c == '.' && i > start);
			if (!unreserved) {
				return null;
			}
		}
		return uri.substring(start);
	}

	/** Without NUL or surrogate characters, which the input guard would have to clean. */
	private static boolean plain(@Nullable String value) {
		if (value == null) {
			return true;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0 || Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
