package dev.partnerhub.accounts.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts a login POST in the {@link LoginThrottle} before any password is checked (after
 * the CSRF check), and refuses it when a limit is used up; a browser with the account's
 * device cookie is counted as that device. The success handler gives the attempt back
 * ({@link #ATTEMPT}).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	/** Request attribute holding this login's {@link LoginThrottle.Attempt}. */
	static final String ATTEMPT = LoginThrottleFilter.class.getName() + ".attempt";

	private final LoginThrottle throttle;

	private final DeviceCookies devices;

	LoginThrottleFilter(LoginThrottle throttle, DeviceCookies devices) {
		this.throttle = throttle;
		this.devices = devices;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !("POST".equals(request.getMethod()) && "/login".equals(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = request.getParameter("username");
		String device = this.devices.trustedDevice(request, username).orElse(null);
		Optional<LoginThrottle.Attempt> attempt = this.throttle.reserve(username, request.getRemoteAddr(), device);
		if (attempt.isEmpty()) {
			response.sendRedirect(request.getContextPath() + "/login?throttled");
			return;
		}
		request.setAttribute(ATTEMPT, attempt.get());
		chain.doFilter(request, response);
	}

}
