package dev.partnerhub.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramAddresses;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The embeddable sign-up ({@code /embed/signup.js}, {@code /embed/signup/{slug}}): JSON
 * over CORS from the program's sales sites only, the hosted form's checks, limits and
 * verification e-mail.
 */
@IntegrationTest
class EmbedSignupTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	/** The program's landing URL's origin (MailFixtures.program). */
	static final String LANDING = "https://shop.example.com";

	static final String OTHER_SITE = "https://partners.example.org";

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	ProgramAddresses addresses;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	MailDelivery delivery;

	@Autowired
	JdbcClient jdbc;

	ProgramSummary program;

	String slug;

	@BeforeEach
	void program() {
		this.program = MailFixtures.program(this.programs, 1);
		this.addresses.changeSalesSites(this.program.id(), OTHER_SITE + "\nhttp://localhost:9999");
		this.slug = this.programs.slugOf(this.program.id()).orElseThrow();
	}

	@Test
	void theScriptIsPublicCacheableAndSetsNoCookie() throws Exception {
		MockHttpServletResponse script = this.mvc.perform(get("/embed/signup.js"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/javascript"))
			.andExpect(header().string("Cache-Control", containsString("max-age=3600")))
			.andExpect(header().string("Cache-Control", containsString("public")))
			.andExpect(content().string(containsString("data-partnerhub-signup")))
			.andReturn()
			.getResponse();
		assertThat(script.getHeader("Set-Cookie")).isNull();
		assertThat(script.getHeader("Access-Control-Allow-Origin")).isNull();
		// the form's settings: a heading from the program's name, the branding hook empty
		this.mvc.perform(get("/embed/signup/{slug}", this.slug).header("Origin", OTHER_SITE))
			.andExpect(status().isOk())
			.andExpect(header().string("Access-Control-Allow-Origin", OTHER_SITE))
			.andExpect(jsonPath("$.heading").value("Become a partner of " + this.program.name()))
			.andExpect(jsonPath("$.signupUrl").value("http://localhost:8080/partners/signup/" + this.slug));
		this.mvc.perform(get("/embed/signup/{slug}", unique("nope"))).andExpect(status().isNotFound());
		// a program's name is no slug here
		this.mvc.perform(get("/embed/signup/{slug}", this.program.name())).andExpect(status().isNotFound());
	}

	@Test
	void anAllowedOriginSignsUpOnceAndGetsTheVerificationEmail() throws Exception {
		String email = unique("embed") + "@signup.test";
		MockHttpServletResponse response = this.mvc.perform(signup(OTHER_SITE, body(email), ip()))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Access-Control-Allow-Origin", OTHER_SITE))
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.message").value(containsString("Check your e-mail")))
			.andReturn()
			.getResponse();
		assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
		assertThat(response.getHeader("Set-Cookie")).isNull();
		assertThat(response.getHeaders("Vary")).anyMatch(v -> v.contains("Origin"));
		PartnerSummary partner = partnerOf(email);
		assertThat(partner.status()).isEqualTo(PartnerStatus.PENDING);
		assertThat(partner.programId()).isEqualTo(this.program.id());

		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = Mailbox.to(greenMail, email);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).contains(this.program.name());
		String link = Mailbox.link(received.get(0), "/partners/verify");
		this.mvc.perform(get(link.substring(link.indexOf("/partners/verify"))))
			.andExpect(header().string("Location", "/login?verified"));

		// the landing URL's own site may embed the form too
		this.mvc.perform(signup(LANDING, body(unique("landing") + "@signup.test"), ip()))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Access-Control-Allow-Origin", LANDING));
	}

	@Test
	void otherOriginsAndRequestsWithoutOriginAreRefusedAndSendNothing() throws Exception {
		String email = unique("refused") + "@signup.test";
		for (String origin : List.of("https://evil.example", "https://shop.example.com.evil.example",
				"http://shop.example.com", "https://shop.example.com:8443", "https://partners.example.org.", "null",
				"http://localhost")) {
			MockHttpServletResponse response = this.mvc.perform(signup(origin, body(email), ip()))
				.andExpect(status().isForbidden())
				.andReturn()
				.getResponse();
			assertThat(response.getContentType()).as(origin).startsWith("application/problem+json");
			assertThat(response.getHeader("Access-Control-Allow-Origin")).as(origin).isNull();
			if (!origin.equals("http://localhost")) { // our own origin: the console's
														// preview
				this.mvc.perform(get("/embed/signup/{slug}", this.slug).header("Origin", origin))
					.andExpect(status().isForbidden())
					.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
			}
		}
		// no Origin at all: not a browser on a sales site (a script or a server), refused
		// too
		this.mvc
			.perform(post("/embed/signup/{slug}", this.slug).with(from(ip()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(email)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(count("select count(*) from contact where lower(email) = lower(:e)", email)).isZero();
		assertThat(count("select count(*) from user_account where lower(email) = lower(:e)", email)).isZero();
		assertThat(count("select count(*) from mail_message where lower(to_address) = lower(:e)", email)).isZero();
	}

	@Test
	void preflightsAreAnsweredForTheSalesSitesOnlyAndCorsStaysClosedElsewhere() throws Exception {
		this.mvc
			.perform(options("/embed/signup/{slug}", this.slug).header("Origin", OTHER_SITE)
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "content-type"))
			.andExpect(status().isOk())
			.andExpect(header().string("Access-Control-Allow-Origin", OTHER_SITE))
			.andExpect(header().string("Access-Control-Allow-Methods", containsString("POST")))
			.andExpect(header().string("Access-Control-Allow-Headers", containsString("content-type")))
			.andExpect(header().string("Access-Control-Max-Age", "600"))
			.andExpect(header().doesNotExist("Access-Control-Allow-Credentials"));
		// another site, another method, another header: refused without CORS headers
		this.mvc
			.perform(options("/embed/signup/{slug}", this.slug).header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "POST"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
		this.mvc
			.perform(options("/embed/signup/{slug}", this.slug).header("Origin", OTHER_SITE)
				.header("Access-Control-Request-Method", "DELETE"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
		this.mvc
			.perform(options("/embed/signup/{slug}", this.slug).header("Origin", OTHER_SITE)
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
		// the sales site gets no CORS anywhere else: the hosted form, the API, the
		// console
		for (String path : List.of("/partners/signup/" + this.slug, "/api/v1/orders", "/admin/programs", "/join")) {
			MockHttpServletResponse preflight = this.mvc
				.perform(options(path).header("Origin", OTHER_SITE).header("Access-Control-Request-Method", "POST"))
				.andReturn()
				.getResponse();
			assertThat(preflight.getHeader("Access-Control-Allow-Origin")).as(path).isNull();
			MockHttpServletResponse get = this.mvc.perform(get(path).header("Origin", OTHER_SITE))
				.andReturn()
				.getResponse();
			assertThat(get.getHeader("Access-Control-Allow-Origin")).as(path).isNull();
		}
	}

	@Test
	void badFieldsAreProblemsPerFieldThatTheSiteMayReadAndCreateNothing() throws Exception {
		String email = unique("bad") + "@signup.test";
		String[][] cases = { { "firstName", "\"\"", "Enter your first name." },
				{ "lastName", "\"" + "x".repeat(101) + "\"", "At most 100 characters." },
				{ "email", "\"not-an-email\"", "Enter a valid e-mail address." },
				{ "password", "\"short\"", "at least 10 characters" },
				{ "confirmPassword", "\"different-password-1\"", "The two passwords differ." },
				{ "payoutEmail", "\"=1@x.io\"", "" }, { "terms", "false", "Accept the partner terms to sign up." } };
		for (String[] c : cases) {
			this.mvc.perform(signup(OTHER_SITE, body(email, c[0], c[1]), ip()))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(header().string("Access-Control-Allow-Origin", OTHER_SITE))
				.andExpect(jsonPath("$.errors[0].field").value(c[0]))
				.andExpect(jsonPath("$.errors[0].message").value(containsString(c[2])));
		}
		// several at once, in the form's order; a missing body field is an empty field
		this.mvc.perform(signup(OTHER_SITE, "{\"email\":\"" + email + "\",\"terms\":true}", ip()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.contains("firstName", "lastName", "password", "confirmPassword")));
		// unknown fields, broken JSON, another content type: clear 4xx
		this.mvc.perform(signup(OTHER_SITE, body(email, "isAdmin", "true"), ip()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("isAdmin"));
		this.mvc.perform(signup(OTHER_SITE, "{\"email\":", ip())).andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/embed/signup/{slug}", this.slug).header("Origin", OTHER_SITE)
				.with(from(ip()))
				.contentType(MediaType.TEXT_PLAIN)
				.content(body(email)))
			.andExpect(status().isUnsupportedMediaType());
		assertThat(count("select count(*) from contact where lower(email) = lower(:e)", email)).isZero();
		assertThat(count("select count(*) from mail_message where lower(to_address) = lower(:e)", email)).isZero();
		// a taken address: a conflict on the e-mail field, as on the hosted form
		this.mvc.perform(signup(OTHER_SITE, body("admin@test.local"), ip()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors[0].field").value("email"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("exists already")));
	}

	@Test
	void theHostedAndTheEmbeddedFormShareOneLimitPerAddressAndOnePerEmail() throws Exception {
		String ip = ip();
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(hosted(unique("mix") + "@signup.test", ip)).andExpect(status().isOk());
		}
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(signup(OTHER_SITE, body(unique("mix") + "@signup.test"), ip))
				.andExpect(status().isAccepted());
		}
		String refused = unique("mix") + "@signup.test";
		this.mvc.perform(signup(OTHER_SITE, body(refused), ip))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Access-Control-Allow-Origin", OTHER_SITE))
			.andExpect(jsonPath("$.detail").value(containsString("try again in an hour")));
		this.mvc.perform(hosted(refused, ip)).andExpect(status().isTooManyRequests());
		assertThat(count("select count(*) from contact where lower(email) = lower(:e)", refused)).isZero();
		// another address is not affected
		this.mvc.perform(signup(OTHER_SITE, body(refused), ip())).andExpect(status().isAccepted());

		// per e-mail address: five attempts an hour, from any address and either form
		String target = unique("target") + "@signup.test";
		this.mvc.perform(hosted(target, ip())).andExpect(status().isOk());
		for (int i = 0; i < 4; i++) {
			this.mvc.perform(signup(OTHER_SITE, body(target.toUpperCase()), ip())).andExpect(status().isConflict());
		}
		this.mvc.perform(signup(OTHER_SITE, body(target), ip())).andExpect(status().isTooManyRequests());
		this.mvc.perform(hosted(target, ip())).andExpect(status().isTooManyRequests());
		assertThat(count("select count(*) from mail_message where lower(to_address) = lower(:e)", target)).isEqualTo(1);
	}

	@Test
	void hostileInputsAreClearAnswersNeverA5xx() throws Exception {
		String[] hostile = { "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' or 1=1--", "${7*7}",
				"\u202Egnp.exe", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "a\u0000b", "\uD800",
				"line\r\nSet-Cookie: x=1", "9".repeat(300) };
		for (String value : hostile) {
			String json = jsonEscaped(value);
			for (String field : List.of("firstName", "email", "password", "payoutEmail", "ref")) {
				MockHttpServletResponse response = this.mvc
					.perform(signup(OTHER_SITE, body(unique("h") + "@signup.test", field, "\"" + json + "\""), ip()))
					.andReturn()
					.getResponse();
				assertThat(response.getStatus()).as(field + "=" + value).isBetween(200, 499);
				assertThat(response.getContentAsString()).doesNotContain("<script>", "onerror=alert", "PSQL");
			}
		}
		// wrong types, deep nesting, a huge body: 4xx
		for (String body : List.of("[]", "\"x\"", "{\"terms\":\"maybe\"}", "{\"email\":{\"a\":1}}",
				"{\"firstName\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
			int code = this.mvc.perform(signup(OTHER_SITE, body, ip())).andReturn().getResponse().getStatus();
			assertThat(code).as(body.length() > 60 ? body.substring(0, 60) : body).isBetween(400, 499);
		}
		this.mvc
			.perform(signup(OTHER_SITE,
					body(unique("big") + "@signup.test", "firstName", "\"" + "x".repeat(20_000) + "\""), ip()))
			.andExpect(status().isPayloadTooLarge());
		// a hostile name is stored as typed (shown escaped by the pages), never
		// interpreted
		String email = unique("xss") + "@signup.test";
		this.mvc.perform(signup(OTHER_SITE, body(email, "firstName", "\"<script>x</script>\""), ip()))
			.andExpect(status().isAccepted());
		assertThat(this.contacts.findByEmail(email).orElseThrow().firstName()).isEqualTo("<script>x</script>");
	}

	@Test
	void eightParallelPostsForOneEmailMakeOnePendingSignUpAndOneEmail() throws Exception {
		String email = unique("rush") + "@signup.test";
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> posts = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String ip = "10.88." + i + "." + ThreadLocalRandom.current().nextInt(1, 255);
				posts.add(pool.submit(() -> this.mvc.perform(signup(OTHER_SITE, body(email), ip))
					.andReturn()
					.getResponse()
					.getStatus()));
			}
			int accepted = 0;
			for (Future<Integer> post : posts) {
				int code = post.get();
				assertThat(code).isIn(202, 409, 429);
				accepted += code == 202 ? 1 : 0;
			}
			assertThat(accepted).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("select count(*) from contact where lower(email) = lower(:e)", email)).isEqualTo(1);
		assertThat(count("select count(*) from user_account where lower(email) = lower(:e)", email)).isEqualTo(1);
		assertThat(count("select count(*) from partner p join contact c on c.id = p.contact_id "
				+ "where lower(c.email) = lower(:e)", email))
			.isEqualTo(1);
		assertThat(partnerOf(email).status()).isEqualTo(PartnerStatus.PENDING);
		assertThat(count("select count(*) from mail_message where lower(to_address) = lower(:e)", email)).isEqualTo(1);
	}

	private MockHttpServletRequestBuilder signup(String origin, String json, String ip) {
		return post("/embed/signup/{slug}", this.slug).header("Origin", origin)
			.with(from(ip))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json);
	}

	private MockHttpServletRequestBuilder hosted(String email, String ip) {
		return post("/partners/signup/{p}", this.slug).with(csrf())
			.with(from(ip))
			.param("firstName", "Sina")
			.param("lastName", "Up")
			.param("email", email)
			.param("password", "long-password-1")
			.param("confirmPassword", "long-password-1")
			.param("terms", "true");
	}

	private static String body(String email) {
		return body(email, null, null);
	}

	/** A valid sign-up as JSON, with one field replaced (its value as JSON) or added. */
	private static String body(String email, String field, String json) {
		java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("firstName", "\"Emma\"");
		fields.put("lastName", "\"Bedded\"");
		fields.put("email", "\"" + email + "\"");
		fields.put("password", "\"long-password-1\"");
		fields.put("confirmPassword", "\"long-password-1\"");
		fields.put("payoutEmail", "\"\"");
		fields.put("terms", "true");
		if (field != null) {
			fields.put(field, json);
		}
		StringBuilder out = new StringBuilder("{");
		fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
		return out.append('}').toString();
	}

	/**
	 * Every character outside printable ASCII as a JSON \\u escape (lone surrogates too).
	 */
	private static String jsonEscaped(String value) {
		StringBuilder out = new StringBuilder();
		for (char c : value.toCharArray()) {
			out.append(
					c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? "\\u%04x".formatted((int) c) : String.valueOf(c));
		}
		return out.toString();
	}

	private static RequestPostProcessor from(String ip) {
		return request -> {
			request.setRemoteAddr(ip);
			return request;
		};
	}

	/** Each request its own address unless a test shares one: the limiter is global. */
	private static String ip() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
	}

	private PartnerSummary partnerOf(String email) {
		return this.partners.findByContactId(this.contacts.findByEmail(email).orElseThrow().id()).orElseThrow();
	}

	private long count(String sql, String email) {
		return this.jdbc.sql(sql).param("e", email).query(Long.class).single();
	}

}
