package dev.partnerhub.ops;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} in the middle of the money paths. The app runs as its own JVM (the
 * test's classpath, {@code dev.partnerhub.PartnerhubApplication}) with an embedded
 * PostgreSQL in a temporary data directory. While a bulk approval of 20,000 commissions
 * runs, a payout batch is created and marked paid, and orders stream in, the JVM is
 * killed with SIGKILL ({@code Process.destroyForcibly()}). Checked right after the crash
 * (the embedded server outlives the JVM) and again after a restart on the same data
 * directory:
 * <ul>
 * <li>no commission is in two live payout items, none is paid without being in a
 * batch;</li>
 * <li>every batch is whole: its total and count equal its items, each item equals its
 * commissions; a paid batch has only paid items and paid commissions;</li>
 * <li>every order acknowledged with 201 is there exactly once, with its commission;</li>
 * <li>the bulk job is not stuck: after the restart it is resumed from its cursor and
 * finishes;</li>
 * <li>rollups: once the restarted app's refresher has drained {@code rollup_dirty}, every
 * stored value of three rollup fields (sum of all commissions, count of approved ones,
 * sum of paid ones — the statuses the killed bulk approval and payout were changing)
 * equals a fresh SUM/COUNT over the raw commissions, for every partner.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTests {

	private static final String KEY = "ph_crash_key_0123456789abcdef";

	private static final String ADMIN = "admin@crash.local";

	private static final String PASSWORD = "admin-password-crash";

	private static final int BULK = 20_000;

	private static final int PAYOUT = 5_000;

	/** The bulk approval's job (jobs facility): status, progress, heartbeat. */
	private static final String BULK_JOB = "(select * from job where kind = 'commissions.bulk') bulk";

	private Path dir;

	private int port;

	private int pgPort;

	private Process app;

	@BeforeAll
	void prepare() throws Exception {
		this.dir = Files.createTempDirectory("partnerhub-crash");
		this.port = freePort();
		this.pgPort = freePort();
	}

	@AfterAll
	void cleanUp() throws Exception {
		if (this.app != null && this.app.isAlive()) {
			this.app.destroy();
			this.app.waitFor(30, TimeUnit.SECONDS);
		}
		org.springframework.util.FileSystemUtils.deleteRecursively(this.dir);
	}

	@Test
	void killedDuringBulkApprovalPayoutAndOrdersTheMoneyStaysRight() throws Exception {
		this.app = start("first");
		seed();
		String session = logIn();
		createRollupFields();

		AtomicBoolean stop = new AtomicBoolean();
		List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicInteger sent = new AtomicInteger();
		ExecutorService load = Executors.newFixedThreadPool(5);
		for (int t = 0; t < 4; t++) {
			int thread = t;
			load.submit(() -> {
				for (int n = 0; !stop.get(); n++) {
					String orderId = "crash-" + thread + "-" + n;
					sent.incrementAndGet();
					try {
						HttpResponse<String> response = Http.postJson(url("/api/v1/orders"), "{\"orderId\":\"" + orderId
								+ "\",\"email\":\"b" + thread + "-" + n + "@buyers.example.com\","
								+ "\"referral\":\"po-1\",\"currency\":\"USD\",\"items\":[{\"sku\":\"CRASH-SKU\","
								+ "\"quantity\":1,\"unitPrice\":\"10.00\"}]}", "Authorization", "Bearer " + KEY);
						if (response.statusCode() == 201) {
							acknowledged.add(orderId);
						}
					}
					catch (RuntimeException ex) {
						return; // the app is gone
					}
				}
			});
		}

		// A payout batch is created and marked paid while the bulk approval runs in the
		// background.
		load.submit(() -> {
			try {
				HttpResponse<String> batch = Http.postJson(url("/api/v1/payouts"), "{\"program\":\"Crash payout\"}",
						"Authorization", "Bearer " + KEY);
				String id = batch.body().replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
				Http.postJson(url("/api/v1/payouts/" + id + "/paid"), "{}", "Authorization", "Bearer " + KEY);
			}
			catch (RuntimeException ex) {
				// killed meanwhile
			}
		});

		String csrf = Http.csrf(Http.get(url("/admin/jobs"), "Cookie", "SESSION=" + session).body());
		HttpResponse<String> bulk = Http.postForm(url("/admin/commissions/bulk"), "scope=filter&action=approve"
				+ "&status=pending&program=" + programId("Crash bulk") + "&_csrf=" + Http.encode(csrf), "Cookie",
				"SESSION=" + session);
		assertThat(bulk.statusCode()).isEqualTo(302);

		// Kill once the bulk job is past its first chunk and a batch exists (or after 6 s
		// at the latest).
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(6))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> query("select coalesce(max(done), 0) from " + BULK_JOB) > 0
						&& query("select count(*) from payout_batch") > 0);
		}
		catch (ConditionTimeoutException ex) {
			// kill anyway
		}
		this.app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		stop.set(true);
		load.shutdown();
		load.awaitTermination(40, TimeUnit.SECONDS);
		long processed = query("select done from " + BULK_JOB);
		System.out.printf(
				"crash: bulk job processed %d of %d, orders acknowledged %d of %d sent, batches %d " + "(paid %d)%n",
				processed, BULK, acknowledged.size(), sent.get(), query("select count(*) from payout_batch"),
				query("select count(*) from payout_batch where status = 'paid'"));

		// Right after the crash: the database (the embedded server outlived the JVM) is
		// consistent.
		assertInvariants(acknowledged);

		// Restart later than the 2-minute heartbeat window: the start-up sweeper takes
		// the job over.
		execute("update job set heartbeat = heartbeat - interval '3 minutes' where kind = 'commissions.bulk'");
		this.app = start("second");
		Awaitility.await("bulk job resumed and done")
			.atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> query("select count(*) from " + BULK_JOB + " where status = 'done'") > 0);
		assertThat(query("select count(*) from " + BULK_JOB + " where status = 'done' and done = total")).isEqualTo(1);
		assertThat(query("select count(*) from commission c join partner p on p.id = c.partner_id "
				+ "join program g on g.id = p.program_id where g.name = 'Crash bulk' and c.status = 'pending'"))
			.isZero();
		assertInvariants(acknowledged);
		// The restarted app works: a new order goes through.
		assertThat(Http
			.postJson(url("/api/v1/orders"), "{\"orderId\":\"after-crash\",\"email\":\"after@buyers"
					+ ".example.com\",\"referral\":\"po-1\",\"currency\":\"USD\",\"items\":[{\"sku\":\"CRASH-SKU\","
					+ "\"quantity\":1,\"unitPrice\":\"10.00\"}]}", "Authorization", "Bearer " + KEY)
			.statusCode()).isEqualTo(201);
		assertRollupsEqualFreshAggregates();
	}

	/**
	 * Before the load: three rollup fields over the statuses the crash interrupts, fully
	 * computed.
	 */
	private void createRollupFields() throws Exception {
		for (String body : List.of(
				"{\"name\":\"Crash earned\",\"function\":\"sum\",\"relationship\":\"commissions_earned\","
						+ "\"field\":\"amount\"}",
				"{\"name\":\"Crash approved\",\"function\":\"count\",\"relationship\":\"commissions_earned\","
						+ "\"filter\":{\"match\":\"all\",\"conditions\":[{\"field\":\"status\",\"op\":\"eq\","
						+ "\"value\":\"approved\"}]}}",
				"{\"name\":\"Crash paid\",\"function\":\"sum\",\"relationship\":\"commissions_earned\","
						+ "\"field\":\"amount\",\"filter\":{\"match\":\"all\",\"conditions\":[{\"field\":\"status\","
						+ "\"op\":\"eq\",\"value\":\"paid\"}]}}")) {
			HttpResponse<String> created = Http.postJson(url("/api/v1/rollup-fields"), body, "Authorization",
					"Bearer " + KEY);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}
		awaitRollupsSettled();
	}

	/**
	 * The background refresher (about every second) has drained the dirty marks and no
	 * recompute is pending.
	 */
	private void awaitRollupsSettled() throws Exception {
		String recomputing = "select count(*) from rollup_field f join job j on j.id = f.recompute_job_id "
				+ "where j.status <> 'done'";
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> query("select count(*) from rollup_dirty") == 0 && query(recomputing) == 0);
		}
		catch (ConditionTimeoutException ex) {
			// the assertions below say which
		}
		assertThat(query("select count(*) from rollup_dirty")).as("rollup_dirty drained").isZero();
		assertThat(query(recomputing)).isZero();
	}

	/**
	 * Zero drift: stored values equal a fresh aggregate by independent SQL, for every
	 * partner (none stored = 0).
	 */
	private void assertRollupsEqualFreshAggregates() throws Exception {
		awaitRollupsSettled();
		String drift = """
				select count(*) from partner p
				cross join rollup_field f
				left join rollup_value v on v.rollup_field_id = f.id and v.contact_id = p.contact_id
				where f.name in ('Crash earned', 'Crash approved', 'Crash paid')
				  and coalesce(v.value, 0) <> case f.name
				    when 'Crash earned' then (select coalesce(sum(c.amount), 0) from commission c
				                              where c.partner_id = p.id)
				    when 'Crash approved' then (select count(*) from commission c
				                                where c.partner_id = p.id and c.status = 'approved')
				    else (select coalesce(sum(c.amount), 0) from commission c
				          where c.partner_id = p.id and c.status = 'paid') end""";
		assertThat(query(drift)).as("partners whose stored rollup differs from a fresh SUM/COUNT").isZero();
		// The check is not vacuous: the crash left approved and paid money to compare.
		assertThat(query("select count(*) from rollup_value v join rollup_field f on f.id = v.rollup_field_id "
				+ "where f.name = 'Crash approved' and v.value > 0"))
			.isPositive();
		assertThat(query("select count(*) from rollup_value v join rollup_field f on f.id = v.rollup_field_id "
				+ "where f.name = 'Crash earned' and v.value > 0"))
			.isGreaterThan(600);
	}

	private void assertInvariants(List<String> acknowledged) throws Exception {
		assertThat(query("""
				select count(*) from (select commission_id from payout_item_commission where released_at is null
				group by commission_id having count(*) > 1) twice""")).as("commission in two live items").isZero();
		assertThat(query("""
				select count(*) from commission c where c.status = 'paid' and not exists (
				  select 1 from payout_item_commission l join payout_item i on i.id = l.item_id
				  where l.commission_id = c.id and l.released_at is null and i.status = 'paid')"""))
			.as("paid commission outside a paid item")
			.isZero();
		assertThat(query("""
				select count(*) from payout_batch b where b.status <> 'cancelled' and (
				  b.total <> (select coalesce(sum(amount), 0) from payout_item i where i.batch_id = b.id)
				  or b.item_count <> (select count(*) from payout_item i where i.batch_id = b.id)
				  or b.item_count = 0)""")).as("half batch").isZero();
		assertThat(query("""
				select count(*) from payout_item i where i.status <> 'cancelled' and (
				  i.amount <> (select sum(l.amount) from payout_item_commission l where l.item_id = i.id
				               and l.released_at is null)
				  or i.commission_count <> (select count(*) from payout_item_commission l where l.item_id = i.id
				               and l.released_at is null))""")).as("item differs from its commissions").isZero();
		assertThat(query("""
				select count(*) from payout_batch b join payout_item i on i.batch_id = b.id
				join payout_item_commission l on l.item_id = i.id and l.released_at is null
				join commission c on c.id = l.commission_id
				where b.status = 'paid' and (i.status <> 'paid' or c.status <> 'paid')"""))
			.as("paid batch with unpaid parts")
			.isZero();
		if (!acknowledged.isEmpty()) {
			String ids = String.join(",", acknowledged.stream().map(id -> "'" + id + "'").toList());
			assertThat(query("select count(*) from customer_order where order_id in (" + ids + ")"))
				.as("acknowledged orders present once")
				.isEqualTo(acknowledged.size());
			assertThat(query("select count(distinct o.order_id) from customer_order o join commission c "
					+ "on c.order_id = o.id where o.order_id in (" + ids + ")"))
				.as("acknowledged orders have their commission")
				.isEqualTo(acknowledged.size());
		}
		assertThat(query("select count(*) from (select order_id from customer_order group by order_id "
				+ "having count(*) > 1) d"))
			.isZero();
		assertThat(query("select count(*) from " + BULK_JOB + " where status = 'running' and done > total")).isZero();
	}

	/**
	 * 20,000 pending commissions for the bulk approval, 5,000 approved ones for the
	 * payout, set-based.
	 */
	private void seed() throws Exception {
		execute("""
				insert into product (sku, name, price, currency) values ('CRASH-SKU', 'Crash course', 10, 'USD');
				insert into program (name, landing_url, currency, first_tier_rate_type, first_tier_rate_value,
				                     approval_delay_days, minimum_payout)
				values ('Crash bulk', 'https://shop.example.com', 'USD', 'percent', 10, null, 0),
				       ('Crash payout', 'https://shop.example.com', 'USD', 'percent', 10, null, 0),
				       ('Crash orders', 'https://shop.example.com', 'USD', 'percent', 10, null, 0);
				insert into contact (email, first_name, last_name)
				select kind || g || '@crash.example.com', 'P', kind || g
				from (values ('pb-', 200), ('pp-', 500), ('po-', 1)) k(kind, n), generate_series(0, n - 1) g;
				insert into contact (email) values ('buyer@crash.example.com');
				insert into partner (contact_id, program_id, code, status, payout_email)
				select c.id, g.id, c.last_name, 'approved', c.email
				from contact c join program g on g.name = case left(c.last_name, 3)
				  when 'pb-' then 'Crash bulk' when 'pp-' then 'Crash payout' else 'Crash orders' end
				where c.email like '%%@crash.example.com' and c.last_name <> '';
				update partner set code = 'po-1' where code = 'po-0';
				insert into customer_order (order_id, contact_id, currency, status, occurred_at, total, request_hash)
				select 'seed-' || g, (select id from contact where email = 'buyer@crash.example.com'), 'USD',
				       'completed', now() - interval '1 day', 10, 'seed'
				from generate_series(1, %d) g;
				insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
				select o.id, 1, (select id from product where sku = 'CRASH-SKU'), 'CRASH-SKU', 1, 10, 10
				from customer_order o where o.order_id like 'seed-%%';
				insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier,
				                        base_amount, original_amount, amount, currency, status, transaction_date,
				                        approved_at)
				select p.id, o.contact_id, o.id, i.id, i.product_id, i.sku, 1, 10, 1, 1, 'USD',
				       case when o.n <= %d then 'pending' else 'approved' end, o.occurred_at,
				       case when o.n <= %d then null else now() end
				from (select *, substr(order_id, 6)::int as n from customer_order where order_id like 'seed-%%') o
				join order_item i on i.order_id = o.id
				join partner p on p.code = case when o.n <= %d then 'pb-' || (o.n %% 200) else 'pp-' || (o.n %% 500) end;
				"""
			.formatted(BULK + PAYOUT, BULK, BULK, BULK));
		assertThat(query("select count(*) from commission")).isEqualTo(BULK + PAYOUT);
	}

	private String logIn() {
		HttpResponse<String> page = Http.get(url("/login"));
		HttpResponse<String> login = Http.postForm(url("/login"), "username=" + Http.encode(ADMIN) + "&password="
				+ PASSWORD + "&_csrf=" + Http.encode(Http.csrf(page.body())), "Cookie",
				"SESSION=" + Http.cookie(page, "SESSION"));
		assertThat(login.statusCode()).isEqualTo(302);
		return Http.cookie(login, "SESSION");
	}

	private Process start(String name) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), "dev.partnerhub.PartnerhubApplication",
				"--server.port=" + this.port, "--partnerhub.database.embedded.data-dir=" + this.dir.resolve("pg"),
				"--partnerhub.database.embedded.port=" + this.pgPort, "--partnerhub.demo.enabled=false",
				"--partnerhub.bootstrap.admin-email=" + ADMIN, "--partnerhub.bootstrap.admin-password=" + PASSWORD,
				"--partnerhub.bootstrap.api-key=" + KEY, "--spring.main.banner-mode=off"));
		File log = this.dir.resolve(name + ".log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		try {
			Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!process.isAlive()) {
					throw new AssertionError("The app did not start:\n" + tail(log));
				}
				try {
					return Http.get(url("/actuator/health/readiness")).statusCode() == 200;
				}
				catch (RuntimeException ex) {
					return false; // not listening yet
				}
			});
			return process;
		}
		catch (ConditionTimeoutException ex) {
			process.destroyForcibly();
			throw new AssertionError("The app was not ready in time:\n" + tail(log));
		}
	}

	private static String tail(File log) throws java.io.IOException {
		List<String> lines = Files.readAllLines(log.toPath());
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	private long programId(String name) throws Exception {
		return query("select id from program where name = '" + name + "'");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private long query(String sql) throws Exception {
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
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + this.pgPort + "/partnerhub", "postgres",
				"postgres");
	}

	private static int freePort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
