package dev.partnerhub.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import dev.partnerhub.orders.OrderApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The living part of the demo, seeded after the base data is committed: promo tools, about 2,000 clicks over 90
 * days, about 300 orders over 180 days placed through the real order path (so every commission is what the rules
 * give), then the commission lifecycle: older ones approved or paid, a few declined, refunds through the real
 * refund path (refunded, reduced and clawed back). Deterministic: one seeded Random, ids in insertion order.
 */
@Component
class DemoActivity {

	private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);

	static final int CLICKS = 2000;

	static final int ORDERS = 300;

	private static final String[] SUB_IDS = { "newsletter", "youtube", "blog-review", "instagram" };

	private static final String[] SKUS = { "course-basic", "course-basic", "course-pro", "coaching-1h", "ebook",
			"ebook", "ebook" };

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate transactions;

	private final OrderApi orders;

	DemoActivity(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions, OrderApi orders) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.transactions = transactions;
		this.orders = orders;
	}

	private record Partner(long id, long programId, String landingUrl) {
	}

	private record Customer(long id, String email, Instant added) {
	}

	void seed(Instant now) {
		Random random = new Random(4242);
		long started = System.nanoTime();
		this.transactions.executeWithoutResult(status -> {
			Map<Long, List<Long>> tools = promoTools();
			clicks(random, tools, now);
		});
		int placed = orders(random, now);
		this.transactions.executeWithoutResult(status -> lifecycle(now));
		int refunds = refunds();
		log.info("Seeded demo activity: {} clicks, {} orders, {} refunds in {} ms", CLICKS, placed, refunds,
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Per program: two tracked links and a banner; returns the tool ids per program. */
	private Map<Long, List<Long>> promoTools() {
		List<Long> programs = this.jdbc.sql("select id from program order by id").query(Long.class).list();
		byte[] png = bannerPng();
		for (long program : programs) {
			insertLink(program, "Shop home page", "https://shop.example.com/");
			// Like the program's own landing URL, this one works in the local demo: the hosted order form.
			insertLink(program, "Pro course order form", landingBase(program) + "/buy/course-pro");
			if (png != null) {
				long banner = this.jdbc.sql("""
						insert into promo_tool (program_id, kind, name, landing_url, alt_text, width, height,
						                        image_content_type, image_size)
						values (:program, 'banner', 'Leaderboard banner', 'https://shop.example.com/',
						        'The Better Widget course: learn widgets in a weekend', 468, 60, 'image/png', :size)
						returning id
						""").param("program", program).param("size", png.length).query(Long.class).single();
				this.jdbc.sql("insert into promo_banner_image (promo_tool_id, content_type, data) values (:id, 'image/png', :data)")
					.param("id", banner)
					.param("data", png)
					.update();
			}
		}
		return this.jdbc.sql("select program_id, id from promo_tool order by id")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list()
			.stream()
			.collect(Collectors.groupingBy(row -> row[0], Collectors.mapping(row -> row[1], Collectors.toList())));
	}

	/** Scheme, host and port of the program's landing URL (the app itself in the demo). */
	private String landingBase(long program) {
		String landing = this.jdbc.sql("select landing_url from program where id = :id")
			.param("id", program)
			.query(String.class)
			.single();
		java.net.URI uri = java.net.URI.create(landing);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	private void insertLink(long program, String name, String landingUrl) {
		this.jdbc.sql("insert into promo_tool (program_id, kind, name, landing_url) values (:program, 'link', :name, :url)")
			.param("program", program)
			.param("name", name)
			.param("url", landingUrl)
			.update();
	}

	/** A plain two-colour 468×60 PNG (no text: fonts may be missing on a server); null if imaging is unavailable. */
	private static byte[] bannerPng() {
		try {
			BufferedImage image = new BufferedImage(468, 60, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = image.createGraphics();
			g.setColor(new Color(0x0a58ca));
			g.fillRect(0, 0, 468, 60);
			g.setColor(new Color(0xffc107));
			g.fillRect(360, 12, 96, 36);
			g.dispose();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException | RuntimeException | Error ex) {
			log.warn("Demo banner skipped: {}", ex.toString());
			return null;
		}
	}

	/** Clicks of approved partners, a few partners far busier than the rest; some SubIDs, duplicates and bots. */
	private void clicks(Random random, Map<Long, List<Long>> tools, Instant now) {
		List<Partner> partners = this.jdbc.sql("""
				select p.id, p.program_id, pr.landing_url from partner p join program pr on pr.id = p.program_id
				where p.status = 'approved' order by p.id
				""").query((rs, n) -> new Partner(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		List<Object[]> rows = new ArrayList<>(CLICKS);
		for (int i = 0; i < CLICKS; i++) {
			// Squaring skews towards the first partners: a few stars, a long tail.
			double skew = random.nextDouble();
			Partner partner = partners.get((int) (skew * skew * partners.size()));
			List<Long> programTools = tools.getOrDefault(partner.programId(), List.of());
			Long tool = programTools.isEmpty() || random.nextInt(2) == 0 ? null
					: programTools.get(random.nextInt(programTools.size()));
			String sub = random.nextInt(10) < 3 ? SUB_IDS[random.nextInt(SUB_IDS.length)] : null;
			boolean bot = random.nextInt(100) < 3;
			boolean duplicate = bot || random.nextInt(100) < 9;
			StringBuilder token = new StringBuilder("demo");
			for (int c = 0; c < 40; c++) {
				token.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			Instant at = now.minus(Duration.ofMinutes(1 + random.nextInt(90 * 24 * 60)));
			rows.add(new Object[] { token.toString() + i, partner.id(), partner.programId(), tool, sub,
					Timestamp.from(at), duplicate, bot, partner.landingUrl() });
		}
		this.batch.batchUpdate("""
				insert into click (token, partner_id, program_id, promo_tool_id, sub_id, clicked_at, duplicate, bot,
				                   landing_url)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", rows);
	}

	/**
	 * Orders through the real order path, mostly by referred contacts (credited from their referral info, as
	 * DESIGN.md says later orders are) and some by unreferred ones; a few monthly memberships with their charges.
	 */
	private int orders(Random random, Instant now) {
		List<Customer> referred = customers(true);
		List<Customer> unreferred = customers(false);
		Instant horizon = now.minus(Duration.ofDays(180));
		int placed = 0;
		// Chunks of 50 orders per transaction (the order path joins it): far fewer commits, still bounded.
		for (int chunk = 0; chunk < ORDERS; chunk += 50) {
			int first = chunk;
			placed += this.transactions.execute(status -> placeOrders(random, now, referred, unreferred, horizon, first,
					Math.min(ORDERS, first + 50)));
		}
		return placed;
	}

	private int placeOrders(Random random, Instant now, List<Customer> referred, List<Customer> unreferred,
			Instant horizon, int from, int to) {
		int placed = 0;
		for (int i = from; i < to; i++) {
			List<Customer> pool = random.nextInt(10) < 9 || unreferred.isEmpty() ? referred : unreferred;
			Customer customer = pool.get(random.nextInt(pool.size()));
			Instant start = customer.added().isAfter(horizon) ? customer.added() : horizon;
			long span = Math.max(1, Duration.between(start, now.minus(Duration.ofHours(1))).toMinutes());
			Instant at = start.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
			String orderId = "demo-" + (10001 + i);
			boolean membership = i % 20 == 7;
			List<OrderApi.Line> lines = new ArrayList<>();
			if (membership) {
				lines.add(new OrderApi.Line("membership", 1, new BigDecimal("29.00")));
			}
			else {
				String sku = SKUS[random.nextInt(SKUS.length)];
				lines.add(new OrderApi.Line(sku, "ebook".equals(sku) ? 1 + random.nextInt(3) : 1, price(sku)));
				if (random.nextInt(8) == 0) { // an e-book added at checkout
					lines.add(new OrderApi.Line("ebook", 1, price("ebook")));
				}
			}
			this.orders.place(new OrderApi.NewOrder(orderId, customer.email(), null, null, null, at, "USD",
					membership, lines));
			placed++;
			if (membership) {
				for (int month = 1; month <= 5; month++) {
					Instant chargedAt = at.plus(Duration.ofDays(30L * month));
					if (chargedAt.isAfter(now)) {
						break;
					}
					this.orders.charge(orderId, "m" + month, new BigDecimal("29.00"), chargedAt);
				}
			}
		}
		return placed;
	}

	private List<Customer> customers(boolean referred) {
		return this.jdbc.sql("""
				select c.id, c.email, c.date_added from contact c
				where (c.first_referrer_id is not null) = :referred
				  and not exists (select 1 from partner p where p.contact_id = c.id)
				order by c.id
				""")
			.param("referred", referred)
			.query((rs, n) -> new Customer(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

	private static BigDecimal price(String sku) {
		return new BigDecimal(switch (sku) {
			case "course-basic" -> "99.00";
			case "course-pro" -> "299.00";
			case "coaching-1h" -> "150.00";
			case "ebook" -> "19.99";
			default -> "29.00";
		});
	}

	/**
	 * The lifecycle an admin would have driven: commissions past their program's approval delay are approved, those
	 * older than 75 days paid (after a few, every 23rd older than 20 days, were declined). Recent ones stay pending.
	 */
	private void lifecycle(Instant now) {
		Timestamp at = Timestamp.from(now);
		this.jdbc.sql("""
				update commission c set status = 'approved',
				       approved_at = c.transaction_date + make_interval(days => coalesce(pr.approval_delay_days, 14)),
				       version = c.version + 1
				from partner p join program pr on pr.id = p.program_id
				where p.id = c.partner_id and c.status = 'pending' and c.clawback_of is null
				  and c.transaction_date + make_interval(days => coalesce(pr.approval_delay_days, 14)) < :now
				""").param("now", at).update();
		this.jdbc.sql("""
				update commission set status = 'declined', approved_at = null, version = version + 1
				where id % 23 = 0 and status in ('pending', 'approved')
				  and transaction_date < cast(:now as timestamptz) - interval '20 days'
				""").param("now", at).update();
		this.jdbc.sql("""
				update commission set status = 'paid', paid_at = transaction_date + interval '60 days',
				       version = version + 1
				where status = 'approved' and transaction_date < cast(:now as timestamptz) - interval '75 days'
				""").param("now", at).update();
	}

	/**
	 * Refunds through the real path: two fully refunded unpaid orders (commissions refunded), one partial refund of
	 * a pending order (reduced, with an adjustment record) and one refund of a paid order (a clawback).
	 */
	private int refunds() {
		int count = 0;
		for (String orderId : orderIds("approved", 2)) {
			this.orders.refund(orderId, "demo-refund", null);
			count++;
		}
		for (String orderId : orderIds("pending", 1)) {
			BigDecimal total = this.jdbc.sql("select total from customer_order where order_id = :id")
				.param("id", orderId)
				.query(BigDecimal.class)
				.single();
			this.orders.refund(orderId, "demo-partial", total.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN));
			count++;
		}
		for (String orderId : orderIds("paid", 1)) {
			this.orders.refund(orderId, "demo-refund", null);
			count++;
		}
		return count;
	}

	/** One-time orders whose commissions all have the given status (the oldest first). */
	private List<String> orderIds(String status, int limit) {
		return this.jdbc.sql("""
				select o.order_id from customer_order o
				where not o.recurring and exists (select 1 from commission c where c.order_id = o.id)
				  and not exists (select 1 from commission c where c.order_id = o.id and c.status <> :status)
				order by o.id limit :limit
				""").param("status", status).param("limit", limit).query(String.class).list();
	}

}
