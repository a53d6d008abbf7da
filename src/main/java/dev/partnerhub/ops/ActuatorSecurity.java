package dev.partnerhub.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import dev.partnerhub.support.PartnerhubProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator's own filter chain (before the browser chain): health and its
 * liveness/readiness probes are public (status only; details for admins),
 * {@code /actuator/prometheus} needs an admin session or the scrape token
 * ({@code partnerhub.metrics.scrape-token}, sent as
 * {@code Authorization: Bearer <token>}), everything else ADMIN. Unauthenticated calls
 * get a bare 401, never the login page.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

	static final String SCRAPER = "METRICS_SCRAPER";

	@Bean
	@Order(0)
	SecurityFilterChain actuatorChain(HttpSecurity http, PartnerhubProperties properties) throws Exception {
		http.securityMatcher("/actuator", "/actuator/**")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.hasAnyAuthority("ROLE_ADMIN", SCRAPER)
				.anyRequest()
				.hasRole("ADMIN"))
			.addFilterBefore(new ScrapeTokenFilter(properties.metrics().scrapeToken()),
					UsernamePasswordAuthenticationFilter.class)
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(ex -> ex.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
		return http.build();
	}

	/**
	 * Authenticates the Prometheus scraper by its token for this one request (nothing
	 * stored in a session).
	 */
	static final class ScrapeTokenFilter extends OncePerRequestFilter {

		private final byte[] token;

		ScrapeTokenFilter(String token) {
			this.token = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			if (this.token != null && header != null && header.startsWith("Bearer ") && MessageDigest
				.isEqual(this.token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
				var context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
						List.of(new SimpleGrantedAuthority(SCRAPER))));
				SecurityContextHolder.setContext(context);
			}
			chain.doFilter(request, response);
		}

	}

}
