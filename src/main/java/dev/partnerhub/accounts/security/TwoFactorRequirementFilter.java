package dev.partnerhub.accounts.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * "Two-factor sign-in required for all admin users" also reaches sessions that were open
 * when an owner switched it on: a team member without it is sent from his next console
 * request to the enrolment page, as a fresh login is
 * ({@link TwoFactorSignIn#enrolmentDue}). Placed before the authorization filter, so the
 * enrolment page itself sees the partial sign-in. Costs one small query per console
 * request of a signed-in team member (the rule's row), and one more only while the rule
 * is on.
 */
class TwoFactorRequirementFilter extends OncePerRequestFilter {

	private final TwoFactorSignIn signIn;

	TwoFactorRequirementFilter(TwoFactorSignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/v3/")
				|| path.startsWith("/swagger-ui")
				|| (path.startsWith("/actuator") && !path.startsWith("/actuator/health")));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && this.signIn.enrolmentDue(request, authentication)) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (!path.equals(TwoFactorSignIn.ENROLMENT_PAGE)
					&& !path.startsWith(TwoFactorSignIn.ENROLMENT_PAGE + "/")) {
				response.sendRedirect(request.getContextPath() + TwoFactorSignIn.ENROLMENT_PAGE);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
