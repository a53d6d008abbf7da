package dev.partnerhub.tracking.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tracked links, the snippet and its beacon never see the visitor's session: below this
 * filter {@code getSession(false)} is null. A visitor who is logged in (an admin testing
 * his own link) would otherwise have his session loaded from PostgreSQL on every click
 * (Spring MVC looks for flash attributes in any existing session). Runs right after
 * Spring Session's repository filter ({@code Integer.MIN_VALUE + 50}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 51)
class SessionlessTracking extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !RedirectController.isTrackingPath(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new WithoutSession(request), response);
	}

	private static final class WithoutSession extends HttpServletRequestWrapper {

		WithoutSession(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable HttpSession getSession(boolean create) {
			// creating one would be a bug (TrackingPathsSecurityTests); still answered
			// rather than failing a click
			return create ? super.getSession(true) : null;
		}

		@Override
		public HttpSession getSession() {
			return super.getSession(true);
		}

		@Override
		public boolean isRequestedSessionIdValid() {
			return false;
		}

	}

}
