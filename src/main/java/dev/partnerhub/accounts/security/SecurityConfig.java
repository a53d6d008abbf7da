package dev.partnerhub.accounts.security;

import java.io.IOException;

import dev.partnerhub.accounts.Role;
import dev.partnerhub.accounts.domain.ApiKeyService;
import dev.partnerhub.accounts.domain.LoginAddresses;
import dev.partnerhub.accounts.domain.TeamService;
import dev.partnerhub.support.web.PageHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.SessionLimit;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Five filter chains: the tracking hot path (tracked links, the snippet and its beacon:
 * public and stateless), the embeddable sign-up (public, stateless), payment providers'
 * webhooks (public, stateless, signed), the server-to-server JSON API (bearer API keys,
 * stateless, no CSRF) and the browser (one form login for admins and partners, CSRF on
 * every form, session id changed at login).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/**
	 * No observation per security filter and per authorization decision: on every request
	 * they cost about a quarter of a plain request's CPU (async-profiler,
	 * docs/benchmarks.md) and repeat what {@code http.server.requests} measures already.
	 * Logins (authentications) are still observed.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.build();
	}

	/**
	 * The team's roles include each other: OWNER > ADMIN > FINANCE > VIEWER. Every
	 * {@code hasRole} rule (URL rules here and in ops, {@code sec:authorize} in
	 * templates) reads it, so {@code hasRole("ADMIN")} keeps meaning "a full admin".
	 */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.OWNER.name())
			.implies(Role.ADMIN.name())
			.role(Role.ADMIN.name())
			.implies(Role.FINANCE.name())
			.role(Role.FINANCE.name())
			.implies(Role.VIEWER.name())
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new LimitedPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
	}

	/**
	 * Tells {@link UserSessions}' fallback registry about destroyed container sessions
	 * (unused with Spring Session).
	 */
	@Bean
	static HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	/**
	 * Tracked links, the tracking snippet and its beacon: every click on the internet
	 * passes here, so only what they need. They never read a login, so no session is
	 * looked up or created (a logged-in admin clicking a link does not load his session),
	 * no CSRF token (the beacon is posted from other sites' pages and the links are
	 * GETs), no saved request, no logout or login filters; the same security headers as
	 * every page.
	 */
	@Bean
	@Order(-1)
	SecurityFilterChain trackingChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/r/**", "/t.js", "/t/visit")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// the security context lives in the request only: never read from or written
			// to a session
			.securityContext(context -> context.securityContextRepository(
					new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.anonymous(anonymous -> anonymous.disable())
			.servletApi(servletApi -> servletApi.disable())
			.headers(SecurityConfig::pageHeaders);
		return http.build();
	}

	/**
	 * The embeddable partner sign-up ({@code /embed/signup.js} and
	 * {@code /embed/signup/{slug}}): placed on the company's own site and posted from
	 * there as JSON, so like the tracking snippet it reads no login and holds no CSRF
	 * token; which sites may post is the partners module's CORS gate (before this chain),
	 * and what a post can create is the hosted sign-up's unverified, pending partner.
	 */
	@Bean
	@Order(-1)
	SecurityFilterChain embedChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/embed/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(
					new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.anonymous(anonymous -> anonymous.disable())
			.servletApi(servletApi -> servletApi.disable())
			.headers(SecurityConfig::pageHeaders);
		return http.build();
	}

	/**
	 * The headers every page and tracked link carries besides Spring Security's defaults.
	 */
	private static void pageHeaders(
			org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy(csp -> csp.policyDirectives(PageHeaders.CONTENT_SECURITY_POLICY))
			.referrerPolicy(referrer -> referrer.policy(PageHeaders.REFERRER_POLICY));
	}

	/**
	 * Payment providers' webhooks (Stripe): public, stateless, no CSRF; each endpoint
	 * checks its own signature.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/webhooks/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ApiKeyService keys) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(ApiKeyAuthenticationFilter.API_ROLE))
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys), UsernamePasswordAuthenticationFilter.class)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.exceptionHandling(ex -> ex
				.authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
						"A valid API key is required: Authorization: Bearer <key>."))
				.accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
						"This API key may not do that.")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webChain(HttpSecurity http, LoginThrottle throttle, DeviceCookies devices,
			LoginAddresses addresses, UserSessions sessions, TwoFactorSignIn twoFactor, TeamService team)
			throws Exception {
		http.authorizeHttpRequests(auth -> auth
			// The second step of an admin's sign-in: only a session whose password was
			// right and whose code is due (TwoFactorSignIn); its authentication has no
			// role, so nothing else is reachable.
			.requestMatchers(TwoFactorSignIn.CODE_PAGE)
			.hasAuthority(TwoFactorSignIn.CODE_PENDING)
			// Enrolment: every team member (a viewer too: it is his own sign-in), and one
			// who must enrol before anything else (an owner requires two-factor sign-in
			// for all).
			.requestMatchers(TwoFactorSignIn.ENROLMENT_PAGE, TwoFactorSignIn.ENROLMENT_PAGE + "/**")
			.hasAnyAuthority(Role.VIEWER.authority(), TwoFactorSignIn.ENROLMENT_REQUIRED)
			// Requiring two-factor sign-in for everybody is the owners' decision.
			.requestMatchers(HttpMethod.POST, "/admin/settings/two-factor", "/admin/settings/two-factor/**")
			.hasRole(Role.OWNER.name())
			.requestMatchers("/login", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico",
					"/actuator/health", "/actuator/health/**", "/ping")
			.permitAll()
			// Public: banners, opt-ins, the example page (tracked links, the snippet and
			// its
			// beacon have their own chain).
			.requestMatchers("/promo/banners/**", "/join", "/join/**", "/examples/**")
			.permitAll()
			// The brand's logo, colours and terms: shown on the login and sign-up pages
			// and in e-mails
			.requestMatchers("/brand/**", "/terms")
			.permitAll()
			// The hosted order form is public too (it keeps CSRF: it is our own page).
			.requestMatchers("/buy/**")
			.permitAll()
			// Sign-up, e-mail verification, password reset, invitation and e-mail change
			// links
			// (all keep CSRF).
			.requestMatchers("/partners/signup/**", "/partners/verify", "/account/reset", "/account/set-password",
					"/account/confirm-email")
			.permitAll()
			// Unsubscribe links (signed token; can only turn e-mails off)
			.requestMatchers("/mail/unsubscribe/*")
			.permitAll()
			// "/v3/**" also covers /v3/api-docs.yaml, which "/v3/api-docs/**" missed
			// (partners could read it);
			// actuator endpoints other than health (info, metrics...) are for admins, not
			// for any logged-in partner.
			// The team's roles (docs/security.md, "Team roles"): every console page and
			// the API docs may be read by a viewer; commission decisions and payouts
			// may be made by finance; users are managed by admins (TeamService decides
			// who may touch owners); everything else that changes state is an admin's.
			.requestMatchers(HttpMethod.GET, "/admin", "/admin/**", "/v3/**", "/swagger-ui/**")
			.hasRole(Role.VIEWER.name())
			.requestMatchers("/admin/commissions/**", "/admin/payouts", "/admin/payouts/**")
			.hasRole(Role.FINANCE.name())
			.requestMatchers("/admin/**", "/v3/**", "/swagger-ui/**", "/actuator", "/actuator/**")
			.hasRole(Role.ADMIN.name())
			.requestMatchers("/partner/**", "/partner")
			.hasRole(Role.PARTNER.name())
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.successHandler(landingBySuccess(throttle, devices, addresses, twoFactor, team))
				.failureHandler(failure())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.sessionManagement(session -> {
				session.sessionFixation(fixation -> fixation.changeSessionId());
				if (sessions.containerSessionRegistry() != null) {
					// Without Spring Session (MockMvc tests) the container's sessions are
					// tracked here, so a password
					// change can end them; with it, its principal-name index does that
					// (UserSessions).
					session.sessionConcurrency(concurrency -> concurrency.maximumSessions(SessionLimit.UNLIMITED)
						.sessionRegistry(sessions.containerSessionRegistry())
						.expiredUrl("/login?expired"));
				}
			})
			// Opt-in forms are posted from other sites' pages, which cannot
			// hold our CSRF token. A forged
			// token is a 403 like a missing one, never a 500
			// (TamperProofCsrfTokenHandler).
			// RFC 8058 one-click unsubscribe (partners' and leads' links) is posted by
			// mail
			// clients, without our token.
			.csrf(csrf -> csrf.ignoringRequestMatchers("/join", "/mail/unsubscribe/*", "/join/unsubscribe")
				.csrfTokenRequestHandler(new TamperProofCsrfTokenHandler()))
			.addFilterBefore(new LoginThrottleFilter(throttle, devices), UsernamePasswordAuthenticationFilter.class)
			// the owner's "two-factor for all" rule reaches sessions open before it was
			// switched on
			.addFilterBefore(new TwoFactorRequirementFilter(twoFactor),
					org.springframework.security.web.access.intercept.AuthorizationFilter.class)
			// a partial sign-in (code or enrolment due) is sent to its step, not a 403
			.exceptionHandling(ex -> ex.accessDeniedHandler(secondStepFirst()))
			.headers(SecurityConfig::pageHeaders);
		return http.build();
	}

	/**
	 * A session whose second sign-in step is due goes to that step's page; everybody else
	 * gets the usual 403.
	 */
	private static org.springframework.security.web.access.AccessDeniedHandler secondStepFirst() {
		org.springframework.security.web.access.AccessDeniedHandlerImpl forbidden = new org.springframework.security.web.access.AccessDeniedHandlerImpl();
		return (request, response, denied) -> {
			Authentication authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
				.getAuthentication();
			if (denied instanceof org.springframework.security.web.csrf.CsrfException) {
				// a missing or wrong CSRF token stays a 403 for everybody
				forbidden.handle(request, response, denied);
			}
			else if (TwoFactorSignIn.isPartial(authentication, TwoFactorSignIn.CODE_PENDING)) {
				response.sendRedirect(request.getContextPath() + TwoFactorSignIn.CODE_PAGE);
			}
			else if (TwoFactorSignIn.isPartial(authentication, TwoFactorSignIn.ENROLMENT_REQUIRED)) {
				response.sendRedirect(request.getContextPath() + TwoFactorSignIn.ENROLMENT_PAGE);
			}
			else {
				forbidden.handle(request, response, denied);
			}
		};
	}

	/**
	 * Admins land in the console, partners in the partner center; a saved page wins if
	 * the role may see it.
	 */
	private static AuthenticationSuccessHandler landingBySuccess(LoginThrottle throttle, DeviceCookies devices,
			LoginAddresses addresses, TwoFactorSignIn twoFactor, TeamService accounts) {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
			if (request.getAttribute(LoginThrottleFilter.ATTEMPT) instanceof LoginThrottle.Attempt attempt) {
				throttle.succeeded(attempt);
			}
			// this browser is known from now on: strangers' failed guesses no longer keep
			// it out
			devices.remember(request, response, authentication.getName());
			// the fraud hold compares buyers' IPs with the addresses partners sign in
			// from
			addresses.signedIn(authentication.getName(), request.getRemoteAddr());
			// the team's last login on the users page
			accounts.signedIn(authentication.getName());
			boolean admin = Role.strongestTeamRole(authentication.getAuthorities()).isPresent();
			String home = admin ? "/admin" : "/partner";
			SavedRequest saved = cache.getRequest(request, response);
			cache.removeRequest(request, response);
			String target = home;
			if (saved != null && "GET".equals(saved.getMethod())) {
				// Only the saved path and query: the saved URL's host comes from the
				// request's Host header, which a
				// client can forge (an open redirect to any site after a genuine login).
				target = savedPath(saved.getRedirectUrl(), request.getContextPath(), home);
			}
			// an admin with two-factor sign-in enters a code first (or must enrol)
			target = twoFactor.afterPassword(request, response, authentication, target);
			response.sendRedirect(request.getContextPath() + target);
		};
	}

	/**
	 * The saved URL's path and query when it lies below {@code home}, else {@code home}.
	 */
	static String savedPath(String savedUrl, String contextPath, String home) {
		try {
			java.net.URI uri = new java.net.URI(savedUrl);
			String path = uri.getRawPath();
			if (path != null && path.startsWith(contextPath)) {
				path = path.substring(contextPath.length());
			}
			if (path != null && (path.equals(home) || path.startsWith(home + "/")) && !path.contains("//")
					&& !path.contains("\\")) {
				return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
			}
		}
		catch (java.net.URISyntaxException ex) {
			// a URL we cannot read is no reason to fail a login: go home
		}
		return home;
	}

	/**
	 * The attempt stays counted (LoginThrottleFilter counted it before the password was
	 * checked).
	 */
	private static AuthenticationFailureHandler failure() {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			// an unverified sign-up or an invited partner without a password yet: say
			// what to do
			boolean inactive = exception instanceof org.springframework.security.authentication.DisabledException;
			response.sendRedirect(request.getContextPath() + (inactive ? "/login?inactive" : "/login?error"));
		};
	}

	private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}");
	}

}
