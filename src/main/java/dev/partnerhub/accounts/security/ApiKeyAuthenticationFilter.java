package dev.partnerhub.accounts.security;

import java.io.IOException;

import dev.partnerhub.accounts.domain.ApiKeyService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <api key>} on {@code /api/**}; anything else stays
 * anonymous and gets a 401.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String API_ROLE = "ROLE_API";

	private final ApiKeyService keys;

	ApiKeyAuthenticationFilter(ApiKeyService keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			this.keys.authenticate(header.substring(7)).ifPresent(key -> {
				var authentication = UsernamePasswordAuthenticationToken.authenticated("api-key:" + key.name(), null,
						AuthorityUtils.createAuthorityList(API_ROLE));
				var context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(authentication);
				SecurityContextHolder.setContext(context);
			});
		}
		chain.doFilter(request, response);
	}

}
