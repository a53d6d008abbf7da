package dev.partnerhub.security;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 14, item 6: a forged CSRF token, random base64 of the real token's length (which
 * Spring Security's XOR handler unmasks into bytes that are not UTF-8: "Decoding failed")
 * or any other garbage, is refused with 403 like a missing token, on the anonymous login
 * and on logged-in forms alike; never a 500.
 */
@IntegrationTest
class CsrfTamperingTests {

	private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	SecurityFixtures fx;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new SecurityFixtures(this.mvc, this.jdbc);
	}

	@Test
	void aForgedTokenOnTheAnonymousLoginIsA403() throws Exception {
		MockHttpSession session = new MockHttpSession();
		String real = token(
				this.mvc.perform(get("/login").session(session)).andReturn().getResponse().getContentAsString());
		for (String forged : forgeries(real)) {
			int status = this.mvc
				.perform(post("/login").session(session)
					.param("username", "admin@test.local")
					.param("password", "admin-password-1")
					.param("_csrf", forged)
					.with(this.fx.fromAddress()))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(status).as("_csrf=" + forged).isEqualTo(403);
		}
		// the page's own token still works (and nothing above counted as a login attempt)
		String location = this.mvc
			.perform(post("/login").session(session)
				.param("username", this.fx.a.email())
				.param("password", SecurityFixtures.PASSWORD)
				.param("_csrf", real)
				.with(this.fx.fromAddress()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).isEqualTo("/partner");
	}

	@Test
	void aForgedTokenOnConsoleAndPartnerCenterFormsIsA403() throws Exception {
		MockHttpSession admin = this.fx.login("admin@test.local", "admin-password-1");
		String adminToken = token(
				this.mvc.perform(get("/admin/api-keys").session(admin)).andReturn().getResponse().getContentAsString());
		String keyName = "forged-" + SecurityFixtures.suffix();
		for (String forged : forgeries(adminToken)) {
			assertThat(status(post("/admin/api-keys").session(admin).param("name", keyName).param("_csrf", forged)))
				.as("form field _csrf=" + forged)
				.isEqualTo(403);
			assertThat(status(
					post("/admin/api-keys").session(admin).param("name", keyName).header("X-CSRF-TOKEN", forged)))
				.as("header X-CSRF-TOKEN: " + forged)
				.isEqualTo(403);
		}
		assertThat(
				this.jdbc.sql("select count(*) from api_key where name = ?").param(keyName).query(Long.class).single())
			.isZero();

		MockHttpSession partner = this.fx.login(this.fx.a.email(), SecurityFixtures.PASSWORD);
		String partnerToken = token(this.mvc.perform(get("/partner/settings").session(partner))
			.andReturn()
			.getResponse()
			.getContentAsString());
		for (String forged : forgeries(partnerToken)) {
			assertThat(status(post("/partner/settings").session(partner)
				.param("payoutEmail", "forged@paypal.example.com")
				.param("firstName", "Forged")
				.param("lastName", "Name")
				.param("_csrf", forged))).as("_csrf=" + forged).isEqualTo(403);
		}
		assertThat(this.jdbc.sql("select payout_email from partner where id = ?")
			.param(this.fx.a.partnerId())
			.query(String.class)
			.single()).isEqualTo(this.fx.a.payoutEmail());
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

	/**
	 * Random base64url of the real token's length (seeded, reproducible), plus other
	 * garbage.
	 */
	private static List<String> forgeries(String real) {
		Random random = new Random(20261214L);
		int bytes = Base64.getUrlDecoder().decode(real).length;
		List<String> forged = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			byte[] noise = new byte[bytes];
			random.nextBytes(noise);
			forged.add(Base64.getUrlEncoder().encodeToString(noise));
			forged.add(Base64.getEncoder().encodeToString(noise)); // standard alphabet: +
																	// and /
		}
		forged.addAll(List.of("garbage", "%%%", "", "A", "====", real.substring(1), real + "A", real.toUpperCase(),
				"x".repeat(10_000)));
		return forged;
	}

	private static String token(String html) {
		Matcher m = TOKEN.matcher(html);
		assertThat(m.find()).as("a CSRF token in the page").isTrue();
		return m.group(1);
	}

}
