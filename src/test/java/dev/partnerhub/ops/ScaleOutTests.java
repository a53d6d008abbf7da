package dev.partnerhub.ops;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.partnerhub.PartnerhubApplication;
import dev.partnerhub.commissions.domain.AutoApproval;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the whole app (two Spring contexts on random ports, one JVM) against
 * ONE PostgreSQL, as behind a load balancer: a session made on A works on B (Spring
 * Session JDBC), CSRF and fixation protection still hold, clicks and orders sent to both
 * add up, a ShedLock job triggered on both at once runs once, the session cookie is
 * Secure behind a TLS proxy, and losing the database gives 503s that heal by themselves
 * when it is back.
 * <p>
 * It cannot use the shared {@code @IntegrationTest} context: it needs its own instances
 * and its own database (which it stops and restarts). Both contexts and the database are
 * closed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTests {

	private static final String KEY = "ph_scale_key_0123456789abcdef";

	private static final String SCRAPE = "scrape-token-0123456789";

	private static final String ADMIN = "admin@scale.local";

	private static final String PASSWORD = "admin-password-scale";

	private Path dataDir;

	private int pgPort;

	private EmbeddedPostgres postgres;

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	private String session;

	private String partnerCode;

	@BeforeAll
	void start() throws Exception {
		this.dataDir = Files.createTempDirectory("partnerhub-scale");
		this.pgPort = freePort();
		this.postgres = startPostgres();
		this.a = instance();
		this.b = instance();
	}

	@AfterAll
	void stop() throws Exception {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.b, this.a }) {
			if (context != null) {
				context.close();
			}
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		org.springframework.util.FileSystemUtils.deleteRecursively(this.dataDir);
	}

	@Test
	@Order(1)
	void aSessionMadeOnOneInstanceWorksOnTheOther() {
		HttpResponse<String> loginPage = Http.get(url(this.a, "/login"));
		String anonymous = Http.cookie(loginPage, "SESSION");
		assertThat(anonymous).as("the login page's session (for its CSRF token)").isNotNull();
		String csrf = Http.csrf(loginPage.body());

		// Without the CSRF token the login is refused, on either instance.
		HttpResponse<String> noToken = Http.postForm(url(this.b, "/login"),
				"username=" + Http.encode(ADMIN) + "&password=" + PASSWORD, "Cookie", "SESSION=" + anonymous);
		assertThat(noToken.statusCode()).isEqualTo(403);

		// The token from A's page is accepted by B: it lives in the shared session.
		HttpResponse<String> login = Http.postForm(url(this.b, "/login"),
				"username=" + Http.encode(ADMIN) + "&password=" + PASSWORD + "&_csrf=" + Http.encode(csrf), "Cookie",
				"SESSION=" + anonymous);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
		this.session = Http.cookie(login, "SESSION");
		assertThat(this.session).as("session id changes at login (fixation)").isNotNull().isNotEqualTo(anonymous);
		String cookie = Http.setCookie(login, "SESSION");
		assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContain("Secure");

		for (ConfigurableApplicationContext instance : List.of(this.a, this.b)) {
			HttpResponse<String> console = Http.get(url(instance, "/admin"), "Cookie", "SESSION=" + this.session);
			assertThat(console.statusCode()).isEqualTo(200);
			assertThat(console.body()).contains(ADMIN);
		}
		// The old, pre-login session id is worth nothing.
		assertThat(Http.get(url(this.a, "/admin"), "Cookie", "SESSION=" + anonymous).statusCode()).isEqualTo(302);
	}

	@Test
	@Order(2)
	void behindATlsProxyTheSessionCookieIsSecure() {
		// What the proxy (deploy/nginx.conf) adds; the test client is on loopback, a
		// trusted internal proxy.
		String[] proxy = { "X-Forwarded-Proto", "https", "X-Forwarded-Host", "partners.example.com", "X-Forwarded-For",
				"203.0.113.7" };
		HttpResponse<String> page = Http.get(url(this.a, "/login"), proxy);
		String anonymous = Http.cookie(page, "SESSION");
		assertThat(Http.setCookie(page, "SESSION")).contains("Secure")
			.contains("HttpOnly")
			.containsIgnoringCase("SameSite=Lax");

		// Logging in through the proxy: the new (rotated) session cookie is Secure too,
		// and the redirect stays on
		// the public https address.
		String[] headers = java.util.stream.Stream
			.concat(java.util.Arrays.stream(proxy), java.util.stream.Stream.of("Cookie", "SESSION=" + anonymous))
			.toArray(String[]::new);
		HttpResponse<String> login = Http.postForm(url(this.b, "/login"), "username=" + Http.encode(ADMIN)
				+ "&password=" + PASSWORD + "&_csrf=" + Http.encode(Http.csrf(page.body())), headers);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).isIn("/admin",
				"https://partners.example.com/admin");
		String session = Http.cookie(login, "SESSION");
		assertThat(session).isNotNull().isNotEqualTo(anonymous);
		assertThat(Http.setCookie(login, "SESSION")).contains("Secure")
			.contains("HttpOnly")
			.containsIgnoringCase("SameSite=Lax");
		assertThat(Http.get(url(this.a, "/admin"), "Cookie", "SESSION=" + session, "X-Forwarded-Proto", "https")
			.statusCode()).isEqualTo(200);

		// Plain http (no proxy, e.g. localhost): no Secure flag, so the browser sends the
		// cookie back and login
		// works (test 1 logs in that way).
		assertThat(Http.setCookie(Http.get(url(this.a, "/login")), "SESSION")).doesNotContain("Secure")
			.contains("HttpOnly");
	}

	@Test
	@Order(3)
	void clicksAndOrdersSentToBothInstancesAddUp() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String program = "Scale " + suffix;
		String sku = "SCALE-" + suffix;
		this.partnerCode = "scale" + suffix;
		var prod = api(this.a, "/api/v1/products",
				"{\"sku\":\"" + sku + "\",\"name\":\"Course\",\"price\":\"10.00\",\"currency\":\"USD\"}");
		assertThat(prod.statusCode()).isEqualTo(201);
		assertThat(api(this.b, "/api/v1/programs", "{\"name\":\"" + program + "\",\"tiers\":1,\"currency\":\"USD\","
				+ "\"landingUrl\":\"https://shop.example.com\",\"firstTierRate\":{\"type\":\"percent\",\"value\":10},"
				+ "\"approvalDelayDays\":0,\"minimumPayout\":\"0\"}")
			.statusCode()).isEqualTo(201);
		assertThat(api(this.a, "/api/v1/partners",
				"{\"email\":\"" + this.partnerCode + "@partners.example.com\","
						+ "\"firstName\":\"Sam\",\"lastName\":\"Scale\",\"program\":\"" + program + "\",\"code\":\""
						+ this.partnerCode + "\"}")
			.statusCode()).isEqualTo(201);

		int clicks = 300;
		int orders = 120;
		AtomicInteger redirected = new AtomicInteger();
		AtomicInteger created = new AtomicInteger();
		List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<?>> work = new ArrayList<>();
		for (int i = 0; i < Math.max(clicks, orders); i++) {
			ConfigurableApplicationContext instance = i % 2 == 0 ? this.a : this.b;
			int n = i;
			if (i < clicks) {
				work.add(pool.submit(() -> {
					if (Http
						.get(url(instance, "/r/" + this.partnerCode), "User-Agent",
								"Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36")
						.statusCode() == 302) {
						redirected.incrementAndGet();
					}
				}));
			}
			if (i < orders) {
				work.add(pool.submit(() -> {
					String orderId = "scale-" + suffix + "-" + n;
					HttpResponse<String> response = api(instance, "/api/v1/orders",
							"{\"orderId\":\"" + orderId + "\",\"email\":\"buyer" + n + "-" + suffix
									+ "@buyers.example.com\",\"referral\":\"" + this.partnerCode
									+ "\",\"currency\":\"USD\",\"items\":[{\"sku\":\"" + sku
									+ "\",\"quantity\":1,\"unitPrice\":\"10.00\"}]}");
					if (response.statusCode() == 201) {
						created.incrementAndGet();
						acknowledged.add(orderId);
					}
				}));
			}
		}
		for (Future<?> f : work) {
			f.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		assertThat(redirected.get()).isEqualTo(clicks);
		assertThat(created.get()).isEqualTo(orders);

		// Each instance flushes its own click buffer every 200 ms.
		String stored = "select count(*) from click c join partner p on p.id = c.partner_id where p.code = '"
				+ this.partnerCode + "'";
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(count(stored)).isEqualTo(clicks));
		assertThat(count("select count(*) from customer_order where order_id like 'scale-" + suffix + "-%'"))
			.isEqualTo(orders);
		assertThat(count("select count(distinct order_id) from customer_order where order_id = any(array["
				+ String.join(",", acknowledged.stream().map(id -> "'" + id + "'").toList()) + "])"))
			.isEqualTo(acknowledged.size());
		assertThat(count("select count(*) from commission c join partner p on p.id = c.partner_id where p.code = '"
				+ this.partnerCode + "'"))
			.isEqualTo(orders);

		// Both instances count for Prometheus; the scraper gets in with its token only.
		HttpResponse<String> scrape = Http.get(url(this.b, "/actuator/prometheus"), "Authorization",
				"Bearer " + SCRAPE);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("partnerhub_orders_placed_total")
			.contains("partnerhub_tracking_clicks_total");
		assertThat(Http.get(url(this.b, "/actuator/prometheus")).statusCode()).isEqualTo(401);
	}

	@Test
	@Order(4)
	void aLockedJobTriggeredOnBothInstancesAtOnceRunsOnce() throws Exception {
		assertThat(this.partnerCode).as("needs the commissions of the previous test").isNotNull();
		execute("delete from shedlock where name = 'commission-auto-approval'");
		Logger logger = (Logger) LoggerFactory.getLogger(AutoApproval.class);
		ListAppender<ILoggingEvent> runs = new ListAppender<>();
		runs.start();
		logger.addAppender(runs);
		try {
			CountDownLatch go = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			List<Future<?>> calls = new ArrayList<>();
			for (ConfigurableApplicationContext instance : List.of(this.a, this.b)) {
				AutoApproval job = instance.getBean(AutoApproval.class);
				calls.add(pool.submit(() -> {
					go.await();
					job.scheduled();
					return null;
				}));
			}
			go.countDown();
			for (Future<?> call : calls) {
				call.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
		}
		finally {
			logger.detachAppender(runs);
		}
		assertThat(runs.list).filteredOn(e -> e.getFormattedMessage().startsWith("Auto-approval approved")).hasSize(1);
		assertThat(count("select count(*) from commission c join partner p on p.id = c.partner_id where p.code = '"
				+ this.partnerCode + "' and c.status = 'pending'"))
			.isZero();
		// The lock is held for at least 30 s: the second instance cannot run the job
		// right after the first.
		assertThat(count("select count(*) from shedlock where name = 'commission-auto-approval' "
				+ "and lock_until > (now() at time zone 'utc') + interval '15 seconds'"))
			.isEqualTo(1);
	}

	@Test
	@Order(5)
	void withoutTheDatabaseRequestsFailWith503AndRecoverWhenItIsBack() throws Exception {
		assertThat(this.session).isNotNull();
		this.postgres.close();
		try {
			// Past the API key cache (2 s), so the key lookup itself meets the dead
			// database. The two instances run
			// on the real clock (not the tests' MutableClock): the wait is the thing
			// being tested.
			Thread.sleep(2_100);
			long started = System.nanoTime();
			HttpResponse<String> api = Http.get(url(this.a, "/api/v1/settings"), "Authorization", "Bearer " + KEY);
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
			assertThat(api.headers().firstValue("Retry-After")).isPresent();
			assertThat(api.body()).contains("\"status\":503").contains("requestId").doesNotContain("Exception");
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);

			HttpResponse<String> console = Http.get(url(this.b, "/admin"), "Cookie", "SESSION=" + this.session,
					"Accept", "text/html");
			assertThat(console.statusCode()).isEqualTo(503);
			assertThat(console.body()).contains("Temporarily unavailable").doesNotContain("Exception");

			assertThat(Http.get(url(this.a, "/actuator/health/readiness")).statusCode()).isEqualTo(503);
			assertThat(Http.get(url(this.a, "/actuator/health/liveness")).statusCode()).isEqualTo(200);
		}
		finally {
			this.postgres = startPostgres();
		}
		// Each instance's pool reconnects by itself; no restart, no manual step.
		for (ConfigurableApplicationContext instance : List.of(this.a, this.b)) {
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(250))
				.untilAsserted(() -> assertThat(
						Http.get(url(instance, "/api/v1/settings"), "Authorization", "Bearer " + KEY).statusCode())
					.as("the pool reconnects by itself")
					.isEqualTo(200));
		}
		assertThat(Http.get(url(this.b, "/admin"), "Cookie", "SESSION=" + this.session).statusCode())
			.as("sessions survive the outage: they are in the database")
			.isEqualTo(200);
	}

	@Test
	@Order(6)
	void loggingOutOnOneInstanceEndsTheSessionOnBoth() {
		HttpResponse<String> page = Http.get(url(this.a, "/admin"), "Cookie", "SESSION=" + this.session);
		String csrf = Http.csrf(page.body());
		assertThat(Http.postForm(url(this.b, "/logout"), "", "Cookie", "SESSION=" + this.session).statusCode())
			.as("logout needs the CSRF token")
			.isEqualTo(403);
		HttpResponse<String> logout = Http.postForm(url(this.b, "/logout"), "_csrf=" + Http.encode(csrf), "Cookie",
				"SESSION=" + this.session);
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(Http.get(url(this.a, "/admin"), "Cookie", "SESSION=" + this.session).statusCode()).isEqualTo(302);
	}

	/**
	 * Issue 14, item 11: a redirect's {@code Location} never takes its host from the
	 * request. Tomcat used to make every redirect absolute with the {@code Host} header
	 * (a client-controlled value, also when a proxy passes it on as
	 * {@code X-Forwarded-Host}): the login redirect of /admin, the login success and
	 * failure, logout. Tracked links still go to the landing URL stored in the database.
	 * Sent on the real port: MockMvc has no Tomcat.
	 */
	@Test
	@Order(7)
	void aForgedHostHeaderNeverReachesALocation() {
		assertThat(this.partnerCode).as("needs the partner of clicksAndOrdersSentToBothInstancesAddUp").isNotNull();
		String evil = "evil.example";
		List<String> locations = new ArrayList<>();

		Http.Raw protectedPage = Http.raw("GET", url(this.a, "/admin"), evil, null);
		assertThat(protectedPage.status()).isEqualTo(302);
		assertThat(protectedPage.header("Location")).isEqualTo("/login");
		locations.add(protectedPage.header("Location"));

		// The same from a trusted proxy that passes a forged Host on as X-Forwarded-Host.
		Http.Raw proxied = Http.raw("GET", url(this.b, "/admin"), "localhost", null, "X-Forwarded-Host", evil,
				"X-Forwarded-Proto", "https");
		assertThat(proxied.status()).isEqualTo(302);
		locations.add(proxied.header("Location"));

		HttpResponse<String> page = Http.get(url(this.a, "/login"));
		String anonymous = Http.cookie(page, "SESSION");
		String csrf = Http.encode(Http.csrf(page.body()));
		Http.Raw failed = Http.raw("POST", url(this.a, "/login"), evil,
				"username=" + Http.encode(ADMIN) + "&password=wrong-password-1&_csrf=" + csrf, "Cookie",
				"SESSION=" + anonymous);
		assertThat(failed.status()).isEqualTo(302);
		assertThat(failed.header("Location")).startsWith("/login?");
		locations.add(failed.header("Location"));

		Http.Raw login = Http.raw("POST", url(this.a, "/login"), evil,
				"username=" + Http.encode(ADMIN) + "&password=" + PASSWORD + "&_csrf=" + csrf, "Cookie",
				"SESSION=" + anonymous);
		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).isEqualTo("/admin");
		locations.add(login.header("Location"));
		String session = login.cookie("SESSION");
		assertThat(session).isNotNull();

		// A redirect of a controller ("redirect:" views and springdoc's own) in the
		// console.
		Http.Raw apiDocs = Http.raw("GET", url(this.b, "/admin/api-docs"), evil, null, "Cookie", "SESSION=" + session);
		assertThat(apiDocs.status()).isEqualTo(302);
		locations.add(apiDocs.header("Location"));

		String consoleCsrf = Http
			.encode(Http.csrf(Http.get(url(this.a, "/admin"), "Cookie", "SESSION=" + session).body()));
		Http.Raw logout = Http.raw("POST", url(this.b, "/logout"), evil, "_csrf=" + consoleCsrf, "Cookie",
				"SESSION=" + session);
		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.header("Location")).isEqualTo("/login?logout");
		locations.add(logout.header("Location"));

		// A tracked link still goes to its program's landing URL from the database.
		Http.Raw click = Http.raw("GET", url(this.a, "/r/" + this.partnerCode + "?url=https://evil.example/"), evil,
				null, "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36");
		assertThat(click.status()).isEqualTo(302);
		assertThat(click.header("Location")).startsWith("https://shop.example.com").contains("ref=");
		locations.add(click.header("Location"));

		assertThat(locations).allSatisfy(location -> assertThat(location).isNotNull().doesNotContain(evil));
	}

	private HttpResponse<String> api(ConfigurableApplicationContext instance, String path, String json) {
		return Http.postJson(url(instance, path), json, "Authorization", "Bearer " + KEY);
	}

	private EmbeddedPostgres startPostgres() throws java.io.IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDir)
			.setCleanDataDirectory(false)
			.setPort(this.pgPort)
			.start();
	}

	private ConfigurableApplicationContext instance() {
		// Command-line arguments: they win over application.properties (builder
		// properties would not).
		String[] args = { "server.port=0",
				"spring.datasource.url=jdbc:postgresql://localhost:" + this.pgPort + "/postgres",
				"spring.datasource.username=postgres", "spring.datasource.password=postgres",
				"spring.datasource.hikari.maximum-pool-size=10", "partnerhub.demo.enabled=false",
				"partnerhub.bootstrap.admin-email=" + ADMIN, "partnerhub.bootstrap.admin-password=" + PASSWORD,
				"partnerhub.bootstrap.api-key=" + KEY, "partnerhub.metrics.scrape-token=" + SCRAPE,
				"spring.main.banner-mode=off", "logging.level.com.zaxxer.hikari=OFF",
				"logging.level.dev.partnerhub.tracking.domain.ClickRecorder=OFF" };
		return new SpringApplicationBuilder(PartnerhubApplication.class)
			.run(java.util.Arrays.stream(args).map(arg -> "--" + arg).toArray(String[]::new));
	}

	private static String url(ConfigurableApplicationContext instance, String path) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return "http://localhost:" + port + path;
	}

	private long count(String sql) throws Exception {
		try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private void execute(String sql) throws Exception {
		try (Connection c = connection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	private Connection connection() throws java.sql.SQLException {
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + this.pgPort + "/postgres", "postgres",
				"postgres");
	}

	private static int freePort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
