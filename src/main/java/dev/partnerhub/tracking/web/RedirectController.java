package dev.partnerhub.tracking.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.partnerhub.tracking.domain.TrackingService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.AbstractController;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /r/{partnerCode}?tool=&sub=}: the partner's tracked link. The target comes
 * only from the database (the tool's or the program's landing URL), never from the
 * request, so this cannot be an open redirect.
 * <p>
 * The link has its own URL handler mapping, consulted before the annotated controllers: a
 * path with a variable is not in their direct-path index, so each click would be matched
 * against every {@code @RequestMapping} of the application (a fifth of the redirect's CPU
 * in the profile, docs/benchmarks.md). Security has its own lean chain for the tracking
 * paths (no session, no CSRF token: {@code SecurityConfig#trackingChain}), and no
 * {@code http.server.requests} observation times each click: the click writer's counters
 * ({@code partnerhub.tracking.clicks}, {@code .written}, {@code .dropped}) count them.
 */
class RedirectController extends AbstractController {

	static final String COOKIE = "ph_ref";

	static final String PATTERN = "/r/*";

	private final TrackingService tracking;

	RedirectController(TrackingService tracking) {
		super(false);
		setSupportedMethods(HttpMethod.GET.name(), HttpMethod.HEAD.name());
		this.tracking = tracking;
	}

	@Override
	protected @Nullable ModelAndView handleRequestInternal(HttpServletRequest request, HttpServletResponse response) {
		String partnerCode = partnerCode(request);
		var found = this.tracking.click(partnerCode, request.getParameter("tool"), request.getParameter("sub"),
				request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
		if (found.isEmpty()) {
			return new ModelAndView("tracking/unknown-partner", HttpStatus.NOT_FOUND);
		}
		redirect(found.get(), request, response);
		// Handled: nothing to render.
		return null;
	}

	/** The 302 to the landing page with the click's first-party cookie. */
	static void redirect(TrackingService.Redirect redirect, HttpServletRequest request, HttpServletResponse response) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, redirect.token())
			.maxAge(Duration.ofDays(redirect.cookieDays()))
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure())
			.path("/")
			.build();
		response.setStatus(HttpStatus.FOUND.value());
		response.setHeader(HttpHeaders.LOCATION, redirect.location());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	/**
	 * The decoded path segment after {@code /r/}; null (so: the 404 page) when it is not
	 * valid percent-encoding.
	 */
	private static @Nullable String partnerCode(HttpServletRequest request) {
		String path = (String) request.getAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE);
		if (path == null || path.indexOf('%') < 0) {
			return path;
		}
		try {
			return UriUtils.decode(path, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static boolean isTrackingPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/r/") || path.equals("/t.js") || path.equals("/t/visit");
	}

	@Configuration(proxyBeanMethods = false)
	static class Mapping {

		@Bean
		RedirectController redirectController(TrackingService tracking) {
			return new RedirectController(tracking);
		}

		/**
		 * Clicks, snippet loads and beacons are not observed one by one (counted by the
		 * click writer instead): an observation per request was the largest cost left
		 * between the redirect and a bare app (docs/benchmarks.md).
		 */
		@Bean
		ObservationPredicate trackingPathsUnobserved() {
			return (name, context) -> !(context instanceof ServerRequestObservationContext request
					&& isTrackingPath(request.getCarrier()));
		}

		/**
		 * The front filter for tracked links, right after the request id filter
		 * ({@code HIGHEST_PRECEDENCE + 5}), only on {@code /r/*}.
		 */
		@Bean
		FilterRegistrationBean<TrackedLinkFilter> trackedLinkFilter(TrackingService tracking) {
			FilterRegistrationBean<TrackedLinkFilter> registration = new FilterRegistrationBean<>(
					new TrackedLinkFilter(tracking));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
			registration.addUrlPatterns(PATTERN);
			return registration;
		}

		@Bean
		SimpleUrlHandlerMapping trackedLinkMapping(RedirectController redirectController) {
			// Ahead of RequestMappingHandlerMapping (order 0); every other path fails
			// this one pattern check.
			return new SimpleUrlHandlerMapping(Map.of(PATTERN, redirectController), Ordered.HIGHEST_PRECEDENCE + 100);
		}

	}

}
