package dev.partnerhub.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.imageio.ImageIO;

import dev.partnerhub.commissions.CommissionHistory;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.tracking.TrackingImport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The living part of the demo, seeded after the base data is committed: promo tools,
 * about 2,000 clicks over 90 days, about 300 orders over 180 days placed through the real
 * order path (so every commission is what the rules give), then the commission lifecycle:
 * older ones approved or paid, a few declined, refunds through the real refund path
 * (refunded, reduced and clawed back). Deterministic: one seeded Random, ids in insertion
 * order.
 */
@Component
class DemoActivity {

	private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);

	static final int CLICKS = 2000;

	static final int ORDERS = 300;

	private static final String[] SUB_IDS = { "newsletter", "youtube", "blog-review", "instagram" };

	private static final String[] SKUS = { "course-basic", "course-basic", "course-pro", "coaching-1h", "ebook",
			"ebook", "ebook" };

	private final TrackingImport tracking;

	private final CommissionHistory commissions;

	private final TransactionTemplate transactions;

	private final OrderApi orders;

	/**
	 * Per order placed here: its total (the sum of its lines), and whether it is a
	 * membership (recurring).
	 */
	private final Map<String, BigDecimal> totals = new HashMap<>();

	private final Set<String> memberships = new HashSet<>();

	DemoActivity(TrackingImport tracking, CommissionHistory commissions, TransactionTemplate transactions,
			OrderApi orders) {
		this.tracking = tracking;
		this.commissions = commissions;
		this.transactions = transactions;
		this.orders = orders;
	}

	/** An approved partner of the base. */
	record Partner(long id, long programId, String landingUrl) {
	}

	/** A contact of the base who is no partner. */
	record Customer(long id, String email, Instant added) {
	}

	void seed(Instant now, DemoData.Base base) {
		Random random = new Random(4242);
		long started = System.nanoTime();
		this.transactions.executeWithoutResult(status -> {
			Map<Long, List<Long>> tools = promoTools(base.programs(), base.approvedPartners());
			clicks(random, base.approvedPartners(), tools, now);
		});
		int placed = orders(random, now, base.referred(), base.unreferred());
		this.transactions.executeWithoutResult(status -> this.commissions.backdateLifecycle(now));
		int refunds = refunds();
		log.info("Seeded demo activity: {} clicks, {} orders, {} refunds in {} ms", CLICKS, placed, refunds,
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Per program: two tracked links and a banner; returns the tool ids per program. */
	private Map<Long, List<Long>> promoTools(List<Long> programs, List<Partner> partners) {
		Map<Long, String> landing = new HashMap<>();
		partners.forEach(partner -> landing.putIfAbsent(partner.programId(), partner.landingUrl()));
		byte[] png = bannerPng();
		Map<Long, List<Long>> tools = new LinkedHashMap<>();
		for (long program : programs) {
			List<Long> ids = tools.computeIfAbsent(program, p -> new ArrayList<>());
			ids.add(this.tracking.importLink(program, "Shop home page", "https://shop.example.com/"));
			// Like the program's own landing URL, this one works in the local demo: the
			// hosted order form.
			ids.add(this.tracking.importLink(program, "Pro course order form",
					landingBase(landing.get(program)) + "/buy/course-pro"));
			if (png != null) {
				ids.add(this.tracking.importBanner(program, "Leaderboard banner", "https://shop.example.com/",
						"The Better Widget course: learn widgets in a weekend", 468, 60, png));
			}
		}
		return tools;
	}

	/**
	 * Scheme, host and port of the program's landing URL (the app itself in the demo).
	 */
	private static String landingBase(String landing) {
		java.net.URI uri = java.net.URI.create(landing);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	/**
	 * A plain two-colour 468×60 PNG (no text: fonts may be missing on a server); null if
	 * imaging is unavailable.
	 */
	private static byte @Nullable [] bannerPng() {
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

	/**
	 * Clicks of approved partners, a few partners far busier than the rest; some SubIDs,
	 * duplicates and bots.
	 */
	private void clicks(Random random, List<Partner> partners, Map<Long, List<Long>> tools, Instant now) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		List<TrackingImport.PastClick> rows = new ArrayList<>(CLICKS);
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
			rows.add(new TrackingImport.PastClick(token.toString() + i, partner.id(), partner.programId(), tool, sub,
					at, duplicate, bot, partner.landingUrl()));
		}
		this.tracking.importClicks(rows);
	}

	/**
	 * Orders through the real order path, mostly by referred contacts (credited from
	 * their referral info, as DESIGN.md says later orders are) and some by unreferred
	 * ones; a few monthly memberships with their charges.
	 */
	private int orders(Random random, Instant now, List<Customer> referred, List<Customer> unreferred) {
		Instant horizon = now.minus(Duration.ofDays(180));
		int placed = 0;
		// Chunks of 50 orders per transaction (the order path joins it): far fewer
		// commits, still bounded.
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
			this.orders.place(
					new OrderApi.NewOrder(orderId, customer.email(), null, null, null, at, "USD", membership, lines));
			this.totals.put(orderId,
					lines.stream()
						.map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
						.reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
			if (membership) {
				this.memberships.add(orderId);
			}
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
	 * Refunds through the real path: two fully refunded unpaid orders (commissions
	 * refunded), one partial refund of a pending order (reduced, with an adjustment
	 * record) and one refund of a paid order (a clawback).
	 */
	private int refunds() {
		int count = 0;
		for (String orderId : orderIds(CommissionStatus.APPROVED, 2)) {
			this.orders.refund(orderId, "demo-refund", null);
			count++;
		}
		for (String orderId : orderIds(CommissionStatus.PENDING, 1)) {
			BigDecimal total = this.totals.get(orderId);
			this.orders.refund(orderId, "demo-partial",
					total.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN));
			count++;
		}
		for (String orderId : orderIds(CommissionStatus.PAID, 1)) {
			this.orders.refund(orderId, "demo-refund", null);
			count++;
		}
		return count;
	}

	/** One-time orders whose commissions all have the given status (the oldest first). */
	private List<String> orderIds(CommissionStatus status, int limit) {
		return this.commissions.ordersWhollyIn(status)
			.stream()
			.filter(orderId -> !this.memberships.contains(orderId))
			.limit(limit)
			.toList();
	}

}
