package dev.partnerhub.ops;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;

import dev.partnerhub.PartnerhubApplication;
import dev.partnerhub.accounts.domain.AccountLinks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 9 on the real server with Spring Session JDBC (as in production; the
 * MockMvc context switches it off): a password change deletes the user's other sessions
 * from {@code spring_session} through the principal-name index and keeps the changing one
 * (under a new id); a reset link deletes them all, for partners and admins. Its own app
 * instance on a random port and its own embedded PostgreSQL, like {@link ScaleOutTests};
 * closed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordChangeSessionsTests {

	private static final String KEY = "ph_sessions_key_0123456789abcdef";

	private static final String ADMIN = "admin@sessions.local";

	private static final String ADMIN_PASSWORD = "admin-password-sessions";

	private Path dataDir;

	private int pgPort;

	private EmbeddedPostgres postgres;

	private ConfigurableApplicationContext app;

	@BeforeAll
	void start() throws Exception {
		this.dataDir = Files.createTempDirectory("partnerhub-sessions");
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			this.pgPort = socket.getLocalPort();
		}
		this.postgres = EmbeddedPostgres.builder().setDataDirectory(this.dataDir).setPort(this.pgPort).start();
		String[] args = { "server.port=0",
				"spring.datasource.url=jdbc:postgresql://localhost:" + this.pgPort + "/postgres",
				"spring.datasource.username=postgres", "spring.datasource.password=postgres",
				"spring.datasource.hikari.maximum-pool-size=5", "partnerhub.demo.enabled=false",
				"partnerhub.bootstrap.admin-email=" + ADMIN, "partnerhub.bootstrap.admin-password=" + ADMIN_PASSWORD,
				"partnerhub.bootstrap.api-key=" + KEY, "partnerhub.mail.delivery.enabled=false",
				"spring.main.banner-mode=off", "logging.level.com.zaxxer.hikari=OFF" };
		this.app = new SpringApplicationBuilder(PartnerhubApplication.class)
			.run(java.util.Arrays.stream(args).map(arg -> "--" + arg).toArray(String[]::new));
	}

	@AfterAll
	void stop() throws Exception {
		if (this.app != null) {
			this.app.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		org.springframework.util.FileSystemUtils.deleteRecursively(this.dataDir);
	}

	@Test
	void aPasswordChangeDeletesTheOtherSessionsAndKeepsThisOneUnderANewId() throws Exception {
		String email = partner("first-password-1");
		String laptop = login(email, "first-password-1");
		String phone = login(email, "first-password-1");
		assertThat(laptop).isNotEqualTo(phone);
		assertThat(get("/partner", laptop).statusCode()).isEqualTo(200);
		assertThat(get("/partner", phone).statusCode()).isEqualTo(200);
		assertThat(sessionsOf(email)).isEqualTo(2);

		String csrf = Http.csrf(get("/partner/settings", laptop).body());
		HttpResponse<String> change = Http.postForm(url("/partner/settings/password"),
				"currentPassword=first-password-1&newPassword=second-password-2&confirmPassword=second-password-2&_csrf="
						+ Http.encode(csrf),
				"Cookie", "SESSION=" + laptop);
		assertThat(change.statusCode()).isEqualTo(302);
		assertThat(change.headers().firstValue("Location").orElseThrow()).endsWith("/partner/settings");
		String renewed = Http.cookie(change, "SESSION");
		assertThat(renewed).as("the changing session gets a new id").isNotNull().isNotEqualTo(laptop);

		assertThat(get("/partner", phone).statusCode()).as("the other session is deleted").isEqualTo(302);
		assertThat(get("/partner", renewed).statusCode()).as("this one goes on").isEqualTo(200);
		assertThat(get("/partner", laptop).statusCode()).as("under its old id it is worth nothing").isEqualTo(302);
		assertThat(sessionsOf(email)).isEqualTo(1);
	}

	@Test
	void aResetLinkDeletesEverySessionOfThePartnerOrAdmin() throws Exception {
		String email = partner("reset-password-1");
		String one = login(email, "reset-password-1");
		String two = login(email, "reset-password-1");
		String admin = login(ADMIN, ADMIN_PASSWORD);
		assertThat(sessionsOf(email)).isEqualTo(2);

		setPasswordWithResetLink(email, "reset-password-2");
		assertThat(get("/partner", one).statusCode()).isEqualTo(302);
		assertThat(get("/partner", two).statusCode()).isEqualTo(302);
		assertThat(sessionsOf(email)).isZero();
		assertThat(get("/admin", admin).statusCode()).as("another user's session stays").isEqualTo(200);
		assertThat(login(email, "reset-password-2")).isNotNull();

		setPasswordWithResetLink(ADMIN, ADMIN_PASSWORD + "-new");
		assertThat(get("/admin", admin).statusCode()).isEqualTo(302);
		assertThat(sessionsOf(ADMIN)).isZero();
	}

	private void setPasswordWithResetLink(String email, String password) throws Exception {
		long accountId = query("select id from user_account where email = ?", email);
		String token = this.app.getBean(AccountLinks.class)
			.issue(accountId, AccountLinks.Purpose.RESET, AccountLinks.RESET_TTL, Instant.now());
		HttpResponse<String> form = Http.get(url("/account/set-password?token=" + token));
		String anonymous = Http.cookie(form, "SESSION");
		HttpResponse<String> set = Http.postForm(
				url("/account/set-password"), "token=" + token + "&password=" + Http.encode(password) + "&confirm="
						+ Http.encode(password) + "&_csrf=" + Http.encode(Http.csrf(form.body())),
				"Cookie", "SESSION=" + anonymous);
		assertThat(set.statusCode()).isEqualTo(302);
		assertThat(set.headers().firstValue("Location").orElseThrow()).endsWith("/login?passwordSet");
	}

	/** A fresh session logged in as the user: its SESSION cookie. */
	private String login(String email, String password) {
		HttpResponse<String> page = Http.get(url("/login"));
		String anonymous = Http.cookie(page, "SESSION");
		HttpResponse<String> login = Http.postForm(url("/login"), "username=" + Http.encode(email) + "&password="
				+ Http.encode(password) + "&_csrf=" + Http.encode(Http.csrf(page.body())), "Cookie",
				"SESSION=" + anonymous);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error", "throttled");
		return Http.cookie(login, "SESSION");
	}

	private String partner(String password) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String program = "Sessions " + suffix;
		assertThat(Http.postJson(url("/api/v1/programs"), "{\"name\":\"" + program
				+ "\",\"tiers\":1,\"currency\":\"USD\","
				+ "\"landingUrl\":\"https://shop.example.com\",\"firstTierRate\":{\"type\":\"percent\",\"value\":10},"
				+ "\"approvalDelayDays\":0,\"minimumPayout\":\"0\"}", "Authorization", "Bearer " + KEY)
			.statusCode()).isEqualTo(201);
		String email = "sessions-" + suffix + "@partners.example.com";
		assertThat(Http
			.postJson(url("/api/v1/partners"),
					"{\"email\":\"" + email + "\",\"firstName\":\"Ses\"," + "\"program\":\"" + program
							+ "\",\"password\":\"" + password + "\"}",
					"Authorization", "Bearer " + KEY)
			.statusCode()).isEqualTo(201);
		return email;
	}

	private HttpResponse<String> get(String path, String session) {
		return Http.get(url(path), "Cookie", "SESSION=" + session);
	}

	private long sessionsOf(String email) throws Exception {
		return query("select count(*) from spring_session where principal_name = ?", email);
	}

	private long query(String sql, String parameter) throws Exception {
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + this.pgPort + "/postgres",
				"postgres", "postgres"); PreparedStatement s = c.prepareStatement(sql)) {
			s.setString(1, parameter);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private String url(String path) {
		return "http://localhost:" + ((WebServerApplicationContext) this.app).getWebServer().getPort() + path;
	}

}
