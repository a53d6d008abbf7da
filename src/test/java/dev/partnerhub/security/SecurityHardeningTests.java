package dev.partnerhub.security;

import java.util.Arrays;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * CSRF on every state-changing form (enumerated from the handler mappings), session and
 * cookie flags, rate limits, open redirects and banner uploads. See docs/security.md.
 */
@IntegrationTest
class SecurityHardeningTests {

	/**
	 * Posted to from other sites' pages, which cannot hold our token (SecurityConfig:
	 * csrf.ignoringRequestMatchers), and the Stripe, WooCommerce and Shopify webhooks,
	 * signed by the sender instead (their own stateless chain), and the embedded
	 * sign-up's JSON post (its own stateless chain; only the program's sales sites may
	 * post).
	 */
	static final List<String> CSRF_EXEMPT = List.of("/t/visit", "/join", "/webhooks/stripe", "/webhooks/woocommerce",
			"/webhooks/shopify", "/mail/unsubscribe/{token}", "/join/unsubscribe", "/embed/signup/{slug}");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	SecurityFixtures fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SecurityFixtures(this.mvc, this.jdbc);
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static String address() {
		return "10.%d.%d.%d".formatted(1 + (int) (Math.random() * 99), 1 + (int) (Math.random() * 250),
				1 + (int) (Math.random() * 250));
	}

	// ---- CSRF

	@Test
	void everyStateChangingFormNeedsTheCsrfToken() throws Exception {
		MockHttpSession admin = this.fx.login("admin@test.local", "admin-password-1");
		MockHttpSession partner = this.fx.login(this.fx.a.email(), SecurityFixtures.PASSWORD);
		List<AuthorizationMatrixTests.Endpoint> writes = AuthorizationMatrixTests.endpoints(this.context)
			.stream()
			.filter(e -> e.method() != HttpMethod.GET)
			.filter(e -> AuthorizationMatrixTests.Zone.of(e.pattern()) != AuthorizationMatrixTests.Zone.API)
			.filter(e -> AuthorizationMatrixTests.Zone.of(e.pattern()) != null)
			.toList();
		assertThat(writes).hasSizeGreaterThan(20);
		StringBuilder report = new StringBuilder("\nCSRF (POST without token, logged in)\n");
		List<String> failures = new java.util.ArrayList<>();
		for (AuthorizationMatrixTests.Endpoint endpoint : writes) {
			String path = endpoint.pattern().replaceAll("\\{[^}]+}", "1").replace("/**", "/x");
			boolean adminZone = AuthorizationMatrixTests.Zone
				.of(endpoint.pattern()) == AuthorizationMatrixTests.Zone.ADMIN;
			MockHttpServletResponse response = this.mvc
				.perform(request(endpoint.method(), path).session(adminZone ? admin : partner)
					.with(this.fx.fromAddress()))
				.andReturn()
				.getResponse();
			boolean exempt = CSRF_EXEMPT.contains(endpoint.pattern());
			report.append("%-60s %s%s%n".formatted(endpoint.label(), response.getStatus(), exempt ? " (exempt)" : ""));
			if (exempt ? response.getStatus() == 403 || response.getStatus() >= 500 : response.getStatus() != 403) {
				failures.add(endpoint.label() + " -> " + response.getStatus());
			}
		}
		System.out.println(report);
		assertThat(failures).as("state-changing endpoints that accept a request without a CSRF token").isEmpty();
	}

	@Test
	void logoutNeedsTheCsrfToken() throws Exception {
		MockHttpSession admin = this.fx.login("admin@test.local", "admin-password-1");
		this.mvc.perform(post("/logout").session(admin))
			.andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(403));
		this.mvc.perform(get("/admin").session(admin))
			.andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
	}

	// ---- session and cookies

	@Test
	void sessionIdRotatesAtLoginAndTheOldIdIsUseless() throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(get("/login").session(session)).andReturn();
		String before = session.getId();
		MvcResult login = this.mvc.perform(post("/login").session(session)
			// as a browser does: the request names its session by the cookie
			.with(r -> {
				r.setRequestedSessionId(before);
				r.setRequestedSessionIdValid(true);
				r.setRequestedSessionIdFromCookie(true);
				return r;
			})
			.param("username", this.fx.a.email())
			.param("password", SecurityFixtures.PASSWORD)
			.with(csrf())).andReturn();
		assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/partner");
		System.out.println("session before login " + before + ", after " + login.getRequest().getSession().getId()
				+ " (same object: " + (login.getRequest().getSession() == session) + ")");
		assertThat(login.getRequest().getSession().getId()).as("session id after login").isNotEqualTo(before);
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteAndTheProxyDecidesSecure() {
		// The container writes JSESSIONID (MockMvc has none): its flags come from these
		// settings.
		assertThat(this.environment.getProperty("server.servlet.session.cookie.http-only")).isEqualTo("true");
		assertThat(this.environment.getProperty("server.servlet.session.cookie.same-site"))
			.isEqualToIgnoringCase("lax");
		assertThat(this.environment.getProperty("server.forward-headers-strategy")).isNotBlank();
	}

	@Test
	void referralCookieIsHttpOnlySameSiteAndSecureBehindTls() throws Exception {
		MockHttpServletResponse plain = this.mvc.perform(get("/r/{code}", this.fx.a.code()).with(this.fx.fromAddress()))
			.andReturn()
			.getResponse();
		String cookie = plain.getHeader("Set-Cookie");
		assertThat(cookie).contains("ph_ref=").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
		// Behind the proxy Tomcat's RemoteIpValve turns X-Forwarded-Proto: https into a
		// secure request (the valve is
		// not in MockMvc: ops.ScaleOutTests checks the header on the real server).
		MockHttpServletResponse tls = this.mvc
			.perform(get("/r/{code}", this.fx.a.code()).secure(true).with(this.fx.fromAddress()))
			.andReturn()
			.getResponse();
		assertThat(tls.getHeader("Set-Cookie")).contains("HttpOnly").contains("SameSite=Lax").contains("Secure");
	}

	// ---- rate limits

	@Test
	void beaconIsLimitedPerAddress() throws Exception {
		String flooder = address();
		int last = 0;
		for (int i = 0; i <= 120; i++) {
			last = this.mvc
				.perform(post("/t/visit").param("ref", "x").param("url", "https://a.example.com/").with(from(flooder)))
				.andReturn()
				.getResponse()
				.getStatus();
			if (i < 120) {
				assertThat(last).as("request " + i).isEqualTo(400);
			}
		}
		assertThat(last).isEqualTo(429);
		assertThat(this.mvc
			.perform(post("/t/visit").param("ref", "x").param("url", "https://a.example.com/").with(from(address())))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(400);
	}

	@Test
	void optInIsLimitedPerAddress() throws Exception {
		String flooder = address();
		for (int i = 0; i < 30; i++) {
			assertThat(this.mvc.perform(post("/join").param("email", "").with(from(flooder)))
				.andReturn()
				.getResponse()
				.getStatus()).isNotEqualTo(429);
		}
		assertThat(this.mvc.perform(post("/join").param("email", "").with(from(flooder)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(429);
		assertThat(this.mvc.perform(post("/join").param("email", "").with(from(address())))
			.andReturn()
			.getResponse()
			.getStatus()).isNotEqualTo(429);
	}

	@Test
	void signUpIsLimitedPerAddress() throws Exception {
		String flooder = address();
		for (int i = 0; i < 10; i++) {
			assertThat(signUp(flooder)).isNotEqualTo(429);
		}
		assertThat(signUp(flooder)).isEqualTo(429);
		assertThat(signUp(address())).isNotEqualTo(429);
	}

	private int signUp(String address) throws Exception {
		return this.mvc
			.perform(post("/partners/signup/{program}", this.fx.a.program()).with(csrf()).with(from(address)))
			.andReturn()
			.getResponse()
			.getStatus();
	}

	@Test
	void passwordResetIsLimitedPerAddress() throws Exception {
		String flooder = address();
		for (int i = 0; i < 10; i++) {
			assertThat(reset(flooder, i)).isNotEqualTo(429);
		}
		assertThat(reset(flooder, 99)).isEqualTo(429);
		assertThat(reset(address(), 100)).isNotEqualTo(429);
	}

	private int reset(String address, int n) throws Exception {
		return this.mvc
			.perform(post("/account/reset")
				.param("email", "nobody-" + n + "-" + SecurityFixtures.suffix() + "@nowhere.example")
				.with(csrf())
				.with(from(address)))
			.andReturn()
			.getResponse()
			.getStatus();
	}

	@Test
	void loginIsThrottledPerAddressAndOtherAddressesAreNot() throws Exception {
		String guesser = address();
		for (int i = 0; i < 20; i++) {
			this.mvc.perform(post("/login").param("username", "guess-" + SecurityFixtures.suffix() + "@nowhere.example")
				.param("password", "wrong")
				.with(csrf())
				.with(from(guesser)));
		}
		assertThat(this.mvc
			.perform(post("/login").param("username", this.fx.a.email())
				.param("password", SecurityFixtures.PASSWORD)
				.with(csrf())
				.with(from(guesser)))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/login?throttled");
		assertThat(this.mvc
			.perform(post("/login").param("username", this.fx.a.email())
				.param("password", SecurityFixtures.PASSWORD)
				.with(csrf())
				.with(from(address())))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/partner");
	}

	// ---- open redirects

	@Test
	void trackedLinksOnlyEverRedirectToUrlsFromTheDatabase() throws Exception {
		long foreignTool = this.jdbc.sql(
				"insert into promo_tool (program_id, kind, name, landing_url) values (?, 'link', ?, 'https://b-tool.example.com/x') returning id")
			.params(this.fx.b.programId(), "B tool " + SecurityFixtures.suffix())
			.query(Long.class)
			.single();
		for (String param : List.of("url", "next", "redirect", "target", "landingUrl", "continue")) {
			for (String evil : List.of("https://evil.example", "//evil.example", "/\\evil.example",
					"javascript:alert(1)")) {
				String location = this.mvc
					.perform(get("/r/{code}", this.fx.a.code()).param(param, evil)
						.param("tool", "" + foreignTool)
						.with(this.fx.fromAddress()))
					.andReturn()
					.getResponse()
					.getRedirectedUrl();
				assertThat(location).as(param + "=" + evil).startsWith("https://shop-a.example.com/land");
			}
		}
		assertThat(this.mvc
			.perform(get("/r/{code}", "nobody" + SecurityFixtures.suffix()).param("url", "https://evil.example"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void loginNeverRedirectsOffSite() throws Exception {
		for (String target : List.of("//evil.example", "https://evil.example", "https://evil.example/admin",
				"/\\evil.example")) {
			String location = this.mvc
				.perform(post("/login").param("username", "admin@test.local")
					.param("password", "admin-password-1")
					.param("continue", target)
					.param("redirect", target)
					.with(csrf()))
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
			assertThat(location).as(target).isEqualTo("/admin");
		}
	}

	@Test
	void aSavedRequestWithAForgedHostDoesNotSendTheUserOffSite() throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(get("/admin/payouts").session(session).header("Host", "evil.example").with(r -> {
			r.setServerName("evil.example");
			return r;
		}));
		String location = this.mvc
			.perform(post("/login").session(session)
				.param("username", "admin@test.local")
				.param("password", "admin-password-1")
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/admin").doesNotContain("evil");
	}

	// ---- banner uploads

	@Test
	void bannersAreCheckedByTheirBytesAndSize() throws Exception {
		MockHttpSession admin = this.fx.login("admin@test.local", "admin-password-1");
		byte[] png = java.util.Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
		List<MockMultipartFile> refused = List.of(
				new MockMultipartFile("image", "banner.png", "image/png",
						"<html><script>alert(1)</script></html>".getBytes()),
				new MockMultipartFile("image", "banner.svg", "image/svg+xml",
						"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes()),
				new MockMultipartFile("image", "banner.gif", "image/gif",
						"<?xml version=\"1.0\"?><svg onload=\"alert(1)\"/>".getBytes()),
				// a GIF header followed by SVG: only decodable images are stored (issue
				// 14, item 13)
				new MockMultipartFile("image", "polyglot.gif", "image/gif",
						"GIF89a\u0001\u0000\u0001\u0000<svg onload=\"alert(1)\"><script>alert(1)</script></svg>"
							.getBytes()),
				new MockMultipartFile("image", "big.png", "image/png", Arrays.copyOf(png, 1024 * 1024 + 1)));
		for (MockMultipartFile file : refused) {
			String name = "Refused banner " + SecurityFixtures.suffix();
			MockHttpServletResponse response = this.mvc
				.perform(multipart("/admin/promo-tools").file(file)
					.session(admin)
					.with(csrf())
					.param("kind", "banner")
					.param("programId", "" + this.fx.a.programId())
					.param("name", name)
					.param("altText", "A banner")
					.param("landingUrl", "https://shop-a.example.com/banner"))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(file.getOriginalFilename()).isEqualTo(422);
			assertThat(response.getContentAsString()).containsAnyOf("not a PNG, JPEG or GIF", "could not be read",
					"at most 1 MB");
			assertThat(this.jdbc.sql("select count(*) from promo_tool where name = ?")
				.param(name)
				.query(Long.class)
				.single()).isZero();
		}
	}

}
