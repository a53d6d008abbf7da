package dev.partnerhub.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every handler method the application registers (read from the handler mappings, so an
 * endpoint added tomorrow is in the matrix without touching this test) × anonymous,
 * partner A, partner B, viewer, finance, admin (the owner), API key × its HTTP methods.
 * Path variables name partner B's objects; the expectation comes from the path's zone
 * (see {@link Zone}). An endpoint no rule classifies fails the test by name.
 */
@IntegrationTest
class AuthorizationMatrixTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	dev.partnerhub.accounts.domain.AccountService accounts;

	SecurityFixtures fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SecurityFixtures(this.mvc, this.jdbc);
	}

	/** Where an endpoint lives decides who may use it. */
	enum Zone {

		ADMIN, API, PARTNER, PUBLIC;

		static Zone of(String pattern) {
			if (pattern.equals("/admin") || pattern.startsWith("/admin/") || pattern.startsWith("/v3/")
					|| pattern.startsWith("/swagger-ui")
					|| (pattern.startsWith("/actuator") && !pattern.startsWith("/actuator/health"))) {
				return ADMIN;
			}
			if (pattern.startsWith("/api/")) {
				return API;
			}
			if (pattern.equals("/partner") || pattern.startsWith("/partner/")) {
				return PARTNER;
			}
			for (String prefix : PUBLIC_PREFIXES) {
				if (pattern.equals(prefix) || (!prefix.equals("/") && pattern.startsWith(prefix + "/"))) {
					return PUBLIC;
				}
			}
			return null;
		}

	}

	/**
	 * The public surface (DESIGN: tracking, sign-up, opt-in, order form, account links,
	 * login, health, payment providers' signed webhooks).
	 */
	static final List<String> PUBLIC_PREFIXES = List.of("/r", "/t.js", "/t/visit", "/join", "/buy", "/partners/signup",
			"/partners/verify", "/account", "/login", "/ping", "/actuator/health", "/promo/banners", "/examples",
			"/error", "/webhooks", "/mail/unsubscribe", "/embed", "/brand", "/terms", "/favicon.ico",
			"/" /* the landing redirect: exactly "/" */);

	enum Role {

		ANONYMOUS, PARTNER_A, PARTNER_B, VIEWER, FINANCE, ADMIN, API_KEY

	}

	/**
	 * What finance may change besides reading: commission decisions and payouts
	 * (docs/security.md, "Team roles").
	 */
	static boolean financeMayWrite(String pattern) {
		return pattern.startsWith("/admin/commissions/") || pattern.equals("/admin/payouts")
				|| pattern.startsWith("/admin/payouts/") || ownSignIn(pattern);
	}

	/**
	 * Every team member, a viewer too, manages his own two-factor sign-in.
	 */
	static boolean ownSignIn(String pattern) {
		return pattern.startsWith("/admin/account/two-factor");
	}

	record Endpoint(String pattern, HttpMethod method, String params, String handler) {

		String label() {
			return this.method + " " + this.pattern + (this.params.isEmpty() ? "" : "?" + this.params);
		}

	}

	/**
	 * Every (pattern, method) of every annotated handler method; a mapping without
	 * methods is probed with GET and POST.
	 */
	static List<Endpoint> endpoints(ApplicationContext context) {
		Map<String, Endpoint> found = new LinkedHashMap<>();
		for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()) {
			mapping.getHandlerMethods().forEach((info, handler) -> {
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				List<HttpMethod> probed = methods.isEmpty() ? List.of(HttpMethod.GET, HttpMethod.POST)
						: methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
				String params = String.join("&",
						info.getParamsCondition()
							.getExpressions()
							.stream()
							.filter(e -> !e.isNegated())
							.map(Object::toString)
							.toList());
				for (String pattern : info.getPatternValues()) {
					for (HttpMethod method : probed) {
						if (method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
							continue;
						}
						Endpoint e = new Endpoint(pattern, method, params, handler.getShortLogMessage());
						found.putIfAbsent(e.label(), e);
					}
				}
			});
		}
		return found.values().stream().sorted(java.util.Comparator.comparing(Endpoint::label)).toList();
	}

	/**
	 * Mappings that are not handler methods (static resources, welcome page, actuator):
	 * listed, not in the matrix.
	 */
	static List<String> otherMappings(ApplicationContext context) {
		return context.getBeansOfType(HandlerMapping.class)
			.entrySet()
			.stream()
			.filter(e -> !(e.getValue() instanceof RequestMappingInfoHandlerMapping))
			.map(e -> e.getKey() + " (" + e.getValue().getClass().getSimpleName() + ")")
			.sorted()
			.toList();
	}

	@Test
	void everyEndpointIsClassified() {
		List<String> unclassified = endpoints(this.context).stream()
			.filter(e -> Zone.of(e.pattern()) == null)
			.map(e -> e.label() + " -> " + e.handler())
			.toList();
		assertThat(unclassified)
			.as("Endpoints outside /admin, /api, /partner and the public list: add them to a zone in "
					+ "AuthorizationMatrixTests and SecurityConfig (docs/security.md)")
			.isEmpty();
	}

	@Test
	void matrix() throws Exception {
		List<Endpoint> endpoints = endpoints(this.context);
		assertThat(endpoints).hasSizeGreaterThan(50);
		Map<Role, MockHttpSession> sessions = new LinkedHashMap<>();
		sessions.put(Role.PARTNER_A, this.fx.login(this.fx.a.email(), SecurityFixtures.PASSWORD));
		sessions.put(Role.PARTNER_B, this.fx.login(this.fx.b.email(), SecurityFixtures.PASSWORD));
		sessions.put(Role.ADMIN, this.fx.login("admin@test.local", "admin-password-1"));
		sessions.put(Role.VIEWER, this.fx.login(teamMember("VIEWER"), SecurityFixtures.PASSWORD));
		sessions.put(Role.FINANCE, this.fx.login(teamMember("FINANCE"), SecurityFixtures.PASSWORD));

		Map<String, Map<Role, Integer>> table = new LinkedHashMap<>();
		List<String> failures = new ArrayList<>();
		// Strangers first, then B, then the admin and the API key: the admin's and the
		// key's state changes on B's
		// objects must not hide a leak to A. Reads before writes for the same reason.
		List<List<Role>> phases = List.of(List.of(Role.ANONYMOUS, Role.PARTNER_A), List.of(Role.PARTNER_B),
				List.of(Role.VIEWER, Role.FINANCE, Role.ADMIN, Role.API_KEY));
		for (List<Role> roles : phases) {
			for (boolean writes : List.of(false, true)) {
				for (Endpoint endpoint : endpoints) {
					if ((endpoint.method() != HttpMethod.GET) != writes) {
						continue;
					}
					Zone zone = Zone.of(endpoint.pattern());
					if (zone == null) {
						continue; // reported by everyEndpointIsClassified
					}
					for (Role role : roles) {
						MockHttpServletResponse response = perform(endpoint, role, sessions.get(role));
						table.computeIfAbsent(endpoint.label(), k -> new LinkedHashMap<>())
							.put(role, response.getStatus());
						String problem = check(zone, role, endpoint, response);
						if (problem != null) {
							failures.add(endpoint.label() + " as " + role + ": " + problem);
						}
					}
				}
			}
		}
		print(table);
		assertThat(failures).as("authorization matrix violations").isEmpty();
	}

	/**
	 * A console user with this role (issue 18) and the fixture's password; his e-mail.
	 */
	private String teamMember(String role) {
		String email = role.toLowerCase(java.util.Locale.ROOT) + "-" + SecurityFixtures.suffix() + "@team.example.com";
		this.accounts.createAdmin(email, SecurityFixtures.PASSWORD);
		this.jdbc.sql("update user_account set role = ? where email = ?").params(role, email).update();
		return email;
	}

	private MockHttpServletResponse perform(Endpoint endpoint, Role role, MockHttpSession session) throws Exception {
		String path = fill(endpoint.pattern());
		MockHttpServletRequestBuilder request = request(endpoint.method(), path).with(this.fx.fromAddress());
		if (!endpoint.params().isEmpty()) {
			for (String param : endpoint.params().split("&")) {
				String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
				String value = param.contains("=") ? param.substring(param.indexOf('=') + 1) : this.fx.b.email();
				request.param(name, value);
			}
		}
		if (session != null) {
			request.session(session);
		}
		if (role == Role.API_KEY) {
			request.header("Authorization", IntegrationTest.BEARER);
		}
		if (endpoint.method() != HttpMethod.GET) {
			// Authorization, not CSRF, is under test here (CsrfTests covers the token).
			request.with(csrf());
			if (endpoint.pattern().startsWith("/api/")) {
				// An unknown field: every JSON body is refused with 400, so no probe
				// changes global state.
				request.contentType(MediaType.APPLICATION_JSON).content("{\"matrixProbe\": true}");
			}
			else {
				// Scope any "create for every program" form to B's program only.
				request.param("program", this.fx.b.program());
			}
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	/** Null when the response is what the zone's rule expects for this role. */
	private String check(Zone zone, Role role, Endpoint endpoint, MockHttpServletResponse response) throws Exception {
		int status = response.getStatus();
		if (status >= 500 && !(status == 503 && endpoint.pattern().startsWith("/actuator/health"))) {
			return "server error " + status;
		}
		switch (zone) {
			case ADMIN -> {
				if (role == Role.ANONYMOUS || role == Role.API_KEY) {
					if (!redirectsToLogin(response) && status != 401) {
						return "expected a redirect to /login or 401, got " + status;
					}
				}
				else if (role == Role.PARTNER_A || role == Role.PARTNER_B) {
					if (status != 403) {
						return "expected 403, got " + status;
					}
				}
				else if (role == Role.VIEWER || role == Role.FINANCE) {
					boolean actuator = endpoint.pattern().startsWith("/actuator");
					boolean read = endpoint.method() == HttpMethod.GET;
					boolean allowed = !actuator && (read || ownSignIn(endpoint.pattern())
							|| (role == Role.FINANCE && financeMayWrite(endpoint.pattern())));
					if (allowed && (status == 403 || redirectsToLogin(response))) {
						return "expected the " + role + " to get through, got " + status;
					}
					if (!allowed && status != 403) {
						return "expected 403 for a " + role + ", got " + status;
					}
				}
			}
			case API -> {
				if (role != Role.API_KEY) {
					if (status != 401) {
						return "expected 401 without a bearer key, got " + status;
					}
					if (!String.valueOf(response.getContentType()).startsWith("application/problem+json")) {
						return "401 without problem+json: " + response.getContentType();
					}
				}
			}
			case PARTNER -> {
				if (role == Role.ANONYMOUS || role == Role.API_KEY) {
					if (!redirectsToLogin(response) && status != 401) {
						return "expected a redirect to /login or 401, got " + status;
					}
				}
				else if ((role == Role.ADMIN || role == Role.VIEWER || role == Role.FINANCE) && status != 403) {
					return "expected 403 for " + role + ", got " + status;
				}
			}
			case PUBLIC -> {
				// never 500 (above), never B's data (below)
			}
		}
		boolean mayShowB = role == Role.PARTNER_B
				|| ((role == Role.ADMIN || role == Role.VIEWER || role == Role.FINANCE) && zone == Zone.ADMIN)
				|| (role == Role.API_KEY && zone == Zone.API);
		if (!mayShowB) {
			String leaked = leak(response);
			if (leaked != null) {
				return "shows B's '" + leaked + "'";
			}
		}
		return null;
	}

	private String leak(MockHttpServletResponse response) throws Exception {
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		String location = String.valueOf(response.getHeader("Location"));
		for (String marker : this.fx.b.markers()) {
			if (body.contains(marker) || location.contains(marker)) {
				return marker;
			}
		}
		return null;
	}

	private static boolean redirectsToLogin(MockHttpServletResponse response) {
		String location = response.getRedirectedUrl();
		return response.getStatus() == 302 && location != null
				&& location.replaceFirst("^https?://[^/]+", "").equals("/login");
	}

	private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z]+)[^}]*}");

	/**
	 * B's objects for every path variable; a name nobody knows gets an id that exists
	 * nowhere.
	 */
	String fill(String pattern) {
		return fill(pattern, this.fx.b);
	}

	/** {@link #fill(String)} with this partner's objects (RoleVisibleControlsTests). */
	static String fill(String pattern, SecurityFixtures.PartnerData b) {
		Matcher m = VARIABLE.matcher(pattern.replace("/**", "/x"));
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String before = pattern.substring(0, m.start());
			String segment = before.replaceAll("/$", "");
			segment = segment.substring(segment.lastIndexOf('/') + 1);
			// raw: MockMvc encodes the URI itself
			m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), segment, b)));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static String value(String name, String segment, SecurityFixtures.PartnerData b) {
		return switch (name) {
			case "code", "partnerCode" -> b.code();
			case "contactId" -> String.valueOf(b.referredContactId());
			case "orderId" -> b.orderId();
			case "sku" -> b.sku();
			case "program", "name" -> b.program();
			case "partnerId" -> String.valueOf(b.partnerId());
			case "itemId" -> String.valueOf(b.payoutItemId());
			case "id" -> switch (segment) {
				case "commissions" -> String.valueOf(b.commissionId());
				case "referrals" -> String.valueOf(b.referredContactId());
				case "contacts" -> String.valueOf(b.contactId());
				case "payments" -> String.valueOf(b.payoutItemId());
				case "payouts" -> String.valueOf(b.payoutId());
				case "partners" -> String.valueOf(b.partnerId());
				case "programs" -> String.valueOf(b.programId());
				default -> "987654321";
			};
			default -> "987654321";
		};
	}

	private void print(Map<String, Map<Role, Integer>> table) {
		StringBuilder out = new StringBuilder("\nAuthorization matrix (endpoint × role → status)\n");
		out.append("%-70s %9s %9s %9s %9s %9s %9s %9s%n".formatted("endpoint", "anon", "partnerA", "partnerB", "viewer",
				"finance", "admin", "apiKey"));
		Set<String> sorted = new TreeSet<>(table.keySet());
		for (String endpoint : sorted) {
			Map<Role, Integer> row = table.get(endpoint);
			out.append("%-70s %9s %9s %9s %9s %9s %9s %9s%n".formatted(endpoint, row.get(Role.ANONYMOUS),
					row.get(Role.PARTNER_A), row.get(Role.PARTNER_B), row.get(Role.VIEWER), row.get(Role.FINANCE),
					row.get(Role.ADMIN), row.get(Role.API_KEY)));
		}
		out.append("Mappings outside the matrix (no handler methods): ")
			.append(otherMappings(this.context))
			.append('\n');
		System.out.println(out);
	}

}
