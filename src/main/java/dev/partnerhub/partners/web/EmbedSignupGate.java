package dev.partnerhub.partners.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the embedded sign-up ({@code /embed/signup/{slug}}), and nowhere else: the
 * allowed origins are the program's sales sites — its landing URL's origin and the other
 * sales sites an admin listed (the same list that bounds {@code /join}'s redirect). An
 * allowed origin gets {@code Access-Control-Allow-Origin} (never credentials); a
 * preflight from it is answered here; any other cross-origin request is refused with 403
 * before its body is read. A POST must name an allowed {@code Origin}: one without the
 * header (not a browser on a sales site) or from another site is refused too, so the
 * check does not depend on the browser. An unknown program passes on to the controller's
 * 404.
 */
class EmbedSignupGate extends OncePerRequestFilter {

	static final String PREFIX = "/embed/signup/";

	static final int MAX_BODY_BYTES = 16 * 1024;

	private final ProgramApi programs;

	private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {
		@Override
		protected void rejectRequest(ServerHttpResponse response) throws IOException {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
			response.getBody().write(problem(403, "Forbidden", NOT_ALLOWED).getBytes(StandardCharsets.UTF_8));
			response.flush();
		}
	};

	static final String NOT_ALLOWED = "This sign-up form may only be used on the program's sales sites.";

	EmbedSignupGate(ProgramApi programs) {
		this.programs = programs;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !path.startsWith(PREFIX);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String slug = path.substring(PREFIX.length());
		ProgramSummary program = slug.isEmpty() || slug.length() > 80 || slug.indexOf('/') >= 0 ? null
				: this.programs.findProgramBySlug(slug).orElse(null);
		if (program == null) {
			chain.doFilter(request, response);
			return;
		}
		CorsConfiguration config = configuration(program);
		if (!this.processor.processRequest(config, request, response)) {
			return; // refused: 403 written, no CORS headers
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			return; // answered: 200 with the CORS headers
		}
		if (HttpMethod.POST.matches(request.getMethod())) {
			String origin = request.getHeader(HttpHeaders.ORIGIN);
			if (origin == null || config.checkOrigin(origin) == null) {
				refuse(response, HttpStatus.FORBIDDEN, NOT_ALLOWED);
				return;
			}
			if (request.getContentLengthLong() > MAX_BODY_BYTES) {
				refuse(response, HttpStatus.CONTENT_TOO_LARGE, "The sign-up was too large.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** The program's sales sites as CORS origins: simple requests and JSON posts only. */
	CorsConfiguration configuration(ProgramSummary program) {
		CorsConfiguration config = new CorsConfiguration();
		config.setAllowedOrigins(allowedOrigins(program));
		config.setAllowedMethods(List.of("GET", "POST"));
		config.setAllowedHeaders(List.of("Content-Type", "Accept"));
		config.setAllowCredentials(false);
		config.setMaxAge(600L);
		return config;
	}

	/** The landing URL's origin first, then the other sales sites (stored as origins). */
	List<String> allowedOrigins(ProgramSummary program) {
		List<String> origins = new ArrayList<>();
		String landing = origin(program.landingUrl());
		if (landing != null) {
			origins.add(landing);
		}
		for (String site : this.programs.salesSitesOf(program.id())) {
			if (!origins.contains(site)) {
				origins.add(site);
			}
		}
		return origins;
	}

	/**
	 * {@code https://shop.example.com[:port]} of a URL, lower case; null if it has none.
	 */
	static @Nullable String origin(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = new URI(url.strip());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				return null;
			}
			return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
					+ (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(problem(status.value(), status.getReasonPhrase(), detail));
	}

	/** Fixed texts only: nothing from the request is echoed. */
	private static String problem(int status, String title, String detail) {
		return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
				+ "\"}";
	}

}
