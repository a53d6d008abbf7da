package dev.partnerhub.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Random and malicious strings (seeded: a failure prints its seed and replays) into the
 * public surfaces, the JSON API, console forms and list parameters: never a 5xx, never a
 * database error text, stored markup only ever escaped.
 */
@IntegrationTest
class HostileInputTests {

	static final long SEED = Long.getLong("fuzz.seed", 20261122L);

	static final int ROUNDS = Integer.getInteger("fuzz.rounds", 25);

	static final List<String> MALICIOUS = List.of("' or 1=1--", "\"; drop table contact; --", "1; select pg_sleep(5)",
			"') or ('a'='a", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
			"{{7*7}}", "${7*7}", "[[${7*7}]]", "*{T(java.lang.Runtime).getRuntime()}", "%00", "\u0000", "a\u0000b",
			"\u202Egnp.exe", "👩‍👩‍👧‍👦🔥", "e\u0301\u0301\u0301\u0301", "\r\nSet-Cookie: x=1", "\t\u0007\u001b[31m",
			"../../etc/passwd", "-1", "0", "99999999999999999999999", "1e309", "NaN", "null", "true", "[]", "{}",
			"\uD800", "𝕏".repeat(300), "");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	SecurityFixtures fx;

	final Random random = new Random(SEED);

	final List<String> failures = new ArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SecurityFixtures(this.mvc, this.jdbc);
	}

	String hostile() {
		return switch (this.random.nextInt(5)) {
			case 0, 1 -> MALICIOUS.get(this.random.nextInt(MALICIOUS.size()));
			case 2 -> randomString(1 + this.random.nextInt(40));
			case 3 -> MALICIOUS.get(this.random.nextInt(MALICIOUS.size())) + randomString(this.random.nextInt(10));
			default -> randomString(200 + this.random.nextInt(3000));
		};
	}

	String randomString(int length) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int kind = this.random.nextInt(10);
			if (kind < 5) {
				out.append((char) (32 + this.random.nextInt(95)));
			}
			else if (kind < 7) {
				out.append((char) this.random.nextInt(32));
			}
			else {
				out.appendCodePoint(0xA0 + this.random.nextInt(0x2FFFF - 0xA0));
			}
		}
		return out.toString();
	}

	static final String HUGE = "x".repeat(1024 * 1024);

	/**
	 * Every character outside printable ASCII as a JSON \\u escape (lone surrogates too).
	 */
	static String jsonEscaped(String value) {
		StringBuilder out = new StringBuilder();
		for (char c : value.toCharArray()) {
			out.append(
					c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? "\\u%04x".formatted((int) c) : String.valueOf(c));
		}
		return out.toString();
	}

	void expectSane(String what, MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(request.with(this.fx.fromAddress()))
			.andReturn()
			.getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		boolean html = String.valueOf(response.getContentType()).startsWith("text/html");
		if (response.getStatus() >= 500 || body.contains("PSQLException") || body.contains("SQLState")
				|| body.contains("syntax error at or near") || (html && body.contains("<script>alert(1)</script>"))) {
			this.failures.add(what + " -> " + response.getStatus() + " (seed " + SEED + ")");
		}
	}

	void assertNoFailures() {
		assertThat(this.failures).as("hostile input answered badly; replay with -Dfuzz.seed=" + SEED).isEmpty();
	}

	@Test
	void trackedLinksAndBeacons() throws Exception {
		for (int i = 0; i < ROUNDS; i++) {
			String code = this.random.nextBoolean() ? this.fx.a.code() : hostile();
			String tool = hostile();
			String sub = hostile();
			expectSane("/r/" + code + "?tool&sub", get("/r/{code}", code).param("tool", tool).param("sub", sub));
			expectSane("/t/visit", post("/t/visit").param("ref", hostile()).param("url", hostile()));
		}
		expectSane("/r huge sub", get("/r/{code}", this.fx.a.code()).param("sub", HUGE));
		expectSane("/t/visit huge", post("/t/visit").param("ref", HUGE).param("url", "https://a.example.com/"));
		expectSane("/t.js", get("/t.js").param("ref", hostile()));
		assertNoFailures();
	}

	@Test
	void publicForms() throws Exception {
		for (int i = 0; i < ROUNDS; i++) {
			expectSane("/join",
					post("/join").param("email", hostile() + "@x.example")
						.param("firstName", hostile())
						.param("lastName", hostile())
						.param("referral", hostile())
						.param("program", this.random.nextBoolean() ? this.fx.a.program() : hostile()));
			String program = this.random.nextBoolean() ? this.fx.a.program() : hostile();
			expectSane("/partners/signup",
					post("/partners/signup/{program}", program).with(csrf())
						.param("firstName", hostile())
						.param("lastName", hostile())
						.param("email", hostile())
						.param("password", hostile())
						.param("confirmPassword", hostile())
						.param("payoutEmail", hostile())
						.param("terms", hostile())
						.param("ref", hostile()));
			expectSane("/join/{program}", get("/join/{program}", hostile()));
			expectSane("/account/reset", post("/account/reset").with(csrf()).param("email", hostile()));
			expectSane("/account/set-password",
					post("/account/set-password").with(csrf())
						.param("token", hostile())
						.param("password", hostile())
						.param("confirmPassword", hostile()));
			expectSane("/buy/{sku}",
					post("/buy/{sku}", this.random.nextBoolean() ? this.fx.a.sku() : hostile()).with(csrf())
						.param("email", hostile())
						.param("firstName", hostile())
						.param("quantity", hostile()));
		}
		// the embedded sign-up: hostile JSON values, slugs and Origin headers
		String slug = this.context.getBean(dev.partnerhub.programs.ProgramApi.class)
			.findProgramByName(this.fx.a.program())
			.flatMap(p -> this.context.getBean(dev.partnerhub.programs.ProgramApi.class).slugOf(p.id()))
			.orElseThrow();
		for (int i = 0; i < ROUNDS; i++) {
			StringBuilder json = new StringBuilder("{");
			for (String field : List.of("firstName", "lastName", "email", "password", "confirmPassword", "payoutEmail",
					"ref")) {
				json.append('"').append(field).append("\":\"").append(jsonEscaped(hostile())).append("\",");
			}
			json.append("\"terms\":true}");
			expectSane("/embed/signup/{slug}",
					post("/embed/signup/{slug}", this.random.nextBoolean() ? slug : hostile())
						.header("Origin", this.random.nextBoolean() ? "https://shop-a.example.com" : hostile())
						.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
						.content(json.toString()));
			expectSane("/embed/signup/{slug} GET", get("/embed/signup/{slug}", hostile()).header("Origin", hostile()));
		}
		expectSane("/join huge", post("/join").param("email", HUGE));
		expectSane("/signup huge",
				post("/partners/signup/{program}", this.fx.a.program()).with(csrf()).param("firstName", HUGE));
		expectSane("/account/reset huge", post("/account/reset").with(csrf()).param("email", HUGE));
		assertNoFailures();
	}

	static final List<String> JSON_ENDPOINTS = List.of("/api/v1/contacts", "/api/v1/orders", "/api/v1/partners",
			"/api/v1/programs", "/api/v1/rollup-fields", "/api/v1/groups", "/api/v1/products",
			"/api/v1/commissions/approve", "/api/v1/payouts");

	@Test
	void jsonApiBodies() throws Exception {
		List<String> bodies = new ArrayList<>(List.of("", "{", "[", "null", "\"text\"", "123", "[]", "{}",
				"{\"email\": 5}", "{\"items\": \"no\"}", "{\"items\": [null]}", "{\"filter\": 7}",
				"{\"filter\": {\"match\": \"all\", \"conditions\": \"x\"}}", "\u0000", "{\"a\":1,\"a\":2}",
				"[".repeat(5000) + "]".repeat(5000), "{\"x\":".repeat(3000) + "1" + "}".repeat(3000),
				"{\"ids\": [" + "1,".repeat(200_000) + "1]}", "{\"email\": \"" + HUGE + "\"}"));
		for (int i = 0; i < ROUNDS; i++) {
			bodies.add(contactJson());
			bodies.add(orderJson());
			bodies.add(programJson());
			bodies.add(rollupJson());
			bodies.add("{\"name\": " + q(hostile()) + ", \"filter\": " + filterJson(this.random.nextInt(4)) + "}");
			bodies.add("{\"email\": " + q(hostile()) + ", \"firstName\": " + q(hostile()) + ", \"lastName\": "
					+ q(hostile()) + ", \"program\": " + q(this.random.nextBoolean() ? this.fx.a.program() : hostile())
					+ ", \"code\": " + q(hostile()) + ", \"password\": " + q(hostile()) + "}");
		}
		for (String path : JSON_ENDPOINTS) {
			for (String body : bodies) {
				expectSane(path + " " + abbreviate(body),
						post(path).header("Authorization", IntegrationTest.BEARER)
							.contentType(MediaType.APPLICATION_JSON)
							.content(body));
			}
		}
		expectSane("contacts by email",
				get("/api/v1/contacts").header("Authorization", IntegrationTest.BEARER).param("email", hostile()));
		for (int i = 0; i < ROUNDS; i++) {
			expectSane("commissions list",
					get("/api/v1/commissions").header("Authorization", IntegrationTest.BEARER)
						.param("partner", hostile())
						.param("status", hostile())
						.param("from", hostile())
						.param("to", hostile())
						.param("page", hostile())
						.param("size", hostile()));
			expectSane("leaderboard",
					get("/api/v1/leaderboard").header("Authorization", IntegrationTest.BEARER)
						.param("rollup", hostile())
						.param("program", hostile())
						.param("limit", hostile()));
		}
		assertNoFailures();
	}

	String contactJson() {
		return "{\"email\": " + q(hostile() + "@x.example") + ", \"firstName\": " + q(hostile()) + ", \"lastName\": "
				+ q(hostile()) + ", \"referral\": " + q(hostile()) + "}";
	}

	String orderJson() {
		return """
				{"orderId": %s, "email": %s, "currency": %s, "referral": %s, "occurredAt": %s,
				 "items": [{"sku": %s, "quantity": %s, "unitPrice": %s}]}""".formatted(q(hostile()),
				q(hostile() + "@x.example"), q(this.random.nextBoolean() ? "USD" : hostile()), q(hostile()),
				q(hostile()), q(this.random.nextBoolean() ? this.fx.a.sku() : hostile()),
				this.random.nextBoolean() ? "1" : q(hostile()), this.random.nextBoolean() ? "\"10.00\"" : q(hostile()));
	}

	String programJson() {
		return """
				{"name": %s, "tiers": %s, "currency": %s, "landingUrl": %s,
				 "firstTierRate": {"type": %s, "value": %s}, "cookieDays": %s}""".formatted(q(hostile()),
				this.random.nextBoolean() ? "1" : q(hostile()), q(hostile()), q(hostile()), q(hostile()), q(hostile()),
				this.random.nextBoolean() ? "30" : "-99999999999");
	}

	String rollupJson() {
		return "{\"name\": " + q(hostile()) + ", \"function\": " + q(this.random.nextBoolean() ? "sum" : hostile())
				+ ", \"relationship\": " + q(this.random.nextBoolean() ? "commissions_earned" : hostile())
				+ ", \"field\": " + q(this.random.nextBoolean() ? "amount" : hostile()) + ", \"filter\": "
				+ filterJson(this.random.nextInt(4)) + "}";
	}

	String filterJson(int depth) {
		StringBuilder conditions = new StringBuilder();
		int n = this.random.nextInt(3);
		for (int i = 0; i < n; i++) {
			if (i > 0) {
				conditions.append(',');
			}
			if (depth > 0 && this.random.nextBoolean()) {
				conditions.append(filterJson(depth - 1));
			}
			else {
				String field = List.of("status", "amount", "dateProcessed", "email", "rollup:x", "tier", hostile())
					.get(this.random.nextInt(7));
				String op = List.of("eq", "gt", "within_last_days", "on_or_after", hostile())
					.get(this.random.nextInt(5));
				conditions.append("{\"field\": ")
					.append(q(field))
					.append(", \"op\": ")
					.append(q(op))
					.append(", \"value\": ")
					.append(this.random.nextBoolean() ? q(hostile()) : String.valueOf(this.random.nextInt()))
					.append('}');
			}
		}
		return "{\"match\": " + q(this.random.nextBoolean() ? "all" : hostile()) + ", \"conditions\": [" + conditions
				+ "]}";
	}

	static String q(String s) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 32) {
				out.append("\\u%04x".formatted((int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	static String abbreviate(String s) {
		return s.length() > 80 ? s.substring(0, 80) + "…(" + s.length() + ")" : s;
	}

	@Test
	void consoleFormsAndListParameters() throws Exception {
		MockHttpSession admin = this.fx.login("admin@test.local", "admin-password-1");
		MockHttpSession partner = this.fx.login(this.fx.a.email(), SecurityFixtures.PASSWORD);
		for (int i = 0; i < ROUNDS; i++) {
			expectSane("contact form",
					post("/admin/contacts/new").session(admin)
						.with(csrf())
						.param("email", hostile())
						.param("firstName", hostile())
						.param("lastName", hostile()));
			expectSane("partner form",
					post("/admin/partners/new").session(admin)
						.with(csrf())
						.param("email", hostile())
						.param("firstName", hostile())
						.param("lastName", hostile())
						.param("programId", this.random.nextBoolean() ? "" + this.fx.a.programId() : hostile())
						.param("code", hostile())
						.param("parentCode", hostile())
						.param("payoutEmail", hostile())
						.param("status", hostile())
						.param("password", hostile()));
			expectSane("template form",
					post("/admin/templates/new").session(admin)
						.with(csrf())
						.param("key", hostile())
						.param("name", hostile())
						.param("subject", hostile())
						.param("body", hostile())
						.param("action", this.random.nextBoolean() ? "preview" : "save"));
		}
		// every list (GET without path variables) of the console and the partner center
		// with hostile paging,
		// sorting, filtering and dates
		List<AuthorizationMatrixTests.Endpoint> lists = AuthorizationMatrixTests.endpoints(this.context)
			.stream()
			.filter(e -> e.method() == HttpMethod.GET && !e.pattern().contains("{"))
			.filter(e -> e.pattern().startsWith("/admin") || e.pattern().startsWith("/partner"))
			.toList();
		for (AuthorizationMatrixTests.Endpoint list : lists) {
			for (int i = 0; i < 4; i++) {
				MockHttpServletRequestBuilder request = get(list.pattern())
					.session(list.pattern().startsWith("/admin") ? admin : partner);
				for (String name : List.of("page", "size", "sort", "q", "search", "status", "program", "partner",
						"from", "to", "range", "tab", "product", "filter", "kind", "group", "rollup", "columns", "col",
						"cols", "minOf", "min", "filterBy", "atLeast", "atMost", "access", "joinedFrom", "joinedTo",
						"referred", "first")) {
					request.param(name, hostile());
				}
				expectSane(list.label(), request);
			}
		}
		assertNoFailures();
	}

	/**
	 * The list filters the dashboard links to (partners joined, contacts referred and
	 * added, orders' first purchases) with junk: each answers 200 with a message naming
	 * the filter and the list without it, never a 500.
	 */
	@Test
	void dashboardListFiltersAnswerJunkWithAMessage() throws Exception {
		MockHttpSession admin = this.fx.login("admin@test.local", "admin-password-1");
		String longValue = "2026-01-01" + "9".repeat(5000);
		List<String> badDates = List.of("'; drop table partner; --", "9999-99-99", "%00", "a\u0000b", longValue,
				"+999999999-12-31", "-999999999-01-01", "2026-02-30", "<script>alert(1)</script>");
		List<String[]> dates = List.of(new String[] { "/admin/partners", "joinedFrom", "Joined from" },
				new String[] { "/admin/partners", "joinedTo", "Joined to" },
				new String[] { "/admin/partners.csv", "joinedTo", null },
				new String[] { "/admin/contacts", "from", "From" }, new String[] { "/admin/contacts", "to", "To" },
				new String[] { "/admin/contacts.csv", "from", null }, new String[] { "/admin/orders", "from", "From" },
				new String[] { "/admin/orders", "to", "To" }, new String[] { "/admin/orders.csv", "to", null });
		for (String[] list : dates) {
			for (String junk : badDates) {
				expectMessage(admin, list[0], list[1], junk,
						list[2] == null ? null : "the " + list[2] + " filter was ignored");
			}
			// the first and the last day a date input can send are dates
			for (String edge : List.of("0001-01-01", "9999-12-31")) {
				expectMessage(admin, list[0], list[1], edge, null);
			}
		}
		List<String> badWords = List.of("'; drop table contact; --", "9999-99-99", "%00", "a\u0000b", longValue, "no",
				"<script>alert(1)</script>");
		for (String junk : badWords) {
			expectMessage(admin, "/admin/contacts", "referred", junk, "Referred filter ignored");
			expectMessage(admin, "/admin/orders", "first", junk, "First-purchase filter ignored");
			expectMessage(admin, "/admin/orders", "referred", junk, "Referred filter ignored");
			expectMessage(admin, "/admin/orders.csv", "first", junk, null);
		}
		for (String junk : List.of("abc", "'; drop table program; --", "9999-99-99", "%00", longValue, "1.5",
				"99999999999999999999999")) {
			expectMessage(admin, "/admin/contacts", "program", junk, "Program filter ignored");
			expectMessage(admin, "/admin/orders", "program", junk, "Program filter ignored");
		}
		// the dashboard's own links with every filter at once, plus junk in each
		expectMessage(admin, "/admin/contacts?referred=yes&from=2026-01-01&to=2026-01-31&program=1", "to", "9999-99-99",
				"the To filter was ignored");
		expectMessage(admin, "/admin/orders?referred=yes&first=yes&from=2026-01-01&program=1", "first", "yes'--",
				"First-purchase filter ignored");
		assertNoFailures();
	}

	/**
	 * One junk value in one list parameter: 200 (a CSV export too) and, on a page, the
	 * message; never markup unescaped on a page.
	 */
	void expectMessage(MockHttpSession admin, String list, String parameter, String junk, String message)
			throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get(list).param(parameter, junk).session(admin))
			.andReturn()
			.getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		String what = list + " " + parameter + "=" + abbreviate(junk);
		if (response.getStatus() != 200) {
			this.failures.add(what + " -> " + response.getStatus());
		}
		else if (message != null && !body.contains(message)) {
			this.failures.add(what + ": no message '" + message + "'");
		}
		// a CSV carries stored names as they are (another test stores a <script> name)
		else if ((String.valueOf(response.getContentType()).startsWith("text/html")
				&& body.contains("<script>alert(1)</script>")) || body.contains("PSQLException")) {
			this.failures.add(what + ": unescaped markup or a database error");
		}
	}

	@Test
	void storedMarkupIsOnlyEverShownEscaped() throws Exception {
		String tag = SecurityFixtures.suffix();
		String script = "<script>alert('" + tag + "')</script>";
		String img = "\"><img src=x onerror=alert('" + tag + "')>";
		String email = "xss-" + tag + "@customers.example.com";
		this.fx.api("/api/v1/contacts", "{\"email\": \"" + email + "\", \"firstName\": " + q(script)
				+ ", \"lastName\": " + q(img) + ", \"referral\": \"" + this.fx.a.code() + "\"}");
		long contactId = this.jdbc.sql("select id from contact where lower(email) = ?")
			.param(email)
			.query(Long.class)
			.single();
		String partnerEmail = "xss-partner-" + tag + "@partners.example.com";
		this.fx.api("/api/v1/partners",
				"{\"email\": \"" + partnerEmail + "\", \"firstName\": " + q(script) + ", \"lastName\": " + q(img)
						+ ", \"program\": " + q(this.fx.a.program()) + ", \"code\": \"xss" + tag
						+ "\", \"password\": \"" + SecurityFixtures.PASSWORD + "\"}");
		long partnerId = this.jdbc.sql("select id from partner where code = ?")
			.param("xss" + tag)
			.query(Long.class)
			.single();
		MockHttpSession admin = this.fx.login("admin@test.local", "admin-password-1");
		MockHttpSession partner = this.fx.login(this.fx.a.email(), SecurityFixtures.PASSWORD);
		record Page(String path, MockHttpSession session) {
		}
		List<Page> pages = List.of(new Page("/admin/contacts?q=" + tag, admin),
				new Page("/admin/contacts/" + contactId, admin),
				new Page("/admin/contacts/" + contactId + "/edit", admin), new Page("/admin/partners?q=" + tag, admin),
				new Page("/admin/partners/" + partnerId, admin),
				new Page("/admin/partners/" + partnerId + "/edit", admin), new Page("/partner/referrals", partner),
				new Page("/partner/referrals/" + contactId, partner), new Page("/partner", partner));
		for (Page page : pages) {
			MockHttpServletResponse response = this.mvc.perform(get(page.path()).session(page.session()))
				.andReturn()
				.getResponse();
			String body = response.getContentAsString(StandardCharsets.UTF_8);
			assertThat(response.getStatus()).as(page.path()).isEqualTo(200);
			assertThat(body).as(page.path()).doesNotContain(script).doesNotContain("<img src=x onerror");
			if (!page.path().equals("/partner")) {
				assertThat(body).as(page.path() + " shows the name, escaped").contains("&lt;script&gt;alert(");
			}
		}
		// a template preview renders merge fields escaped as well
		MockHttpServletResponse preview = this.mvc
			.perform(post("/admin/templates/new").session(admin)
				.with(csrf())
				.param("key", "xss-" + tag)
				.param("name", "XSS " + tag)
				.param("subject", script)
				.param("body", "Hello " + script)
				.param("action", "preview"))
			.andReturn()
			.getResponse();
		assertThat(preview.getStatus()).isLessThan(500);
		assertThat(preview.getContentAsString(StandardCharsets.UTF_8)).doesNotContain(script);
	}

}
