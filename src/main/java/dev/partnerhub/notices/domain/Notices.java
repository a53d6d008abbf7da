package dev.partnerhub.notices.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsCreated;
import dev.partnerhub.commissions.CommissionsStatusChanged;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.notices.Notice;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.partners.PartnerCreated;
import dev.partnerhub.payouts.PayoutsPaid;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.Contests;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the owners' events into notices. Each listener is registry-backed (a crash does
 * not lose a notice) and idempotent: every e-mail has a dedupe key naming its occasion
 * ({@code notice:<notice>:<id>}), so a resubmitted event queues nothing twice. Reads the
 * published views {@code partner_directory}, {@code contact_directory},
 * {@code commission_ledger} and {@code payout_statement_line}. New commissions of a
 * partner who chose the daily digest are collected in {@code notice_digest_line} and sent
 * the next day in one e-mail.
 */
@Component
public class Notices {

	static final int CONTEST_GRACE_DAYS = 3;

	private final JdbcClient jdbc;

	private final MailApi mail;

	private final AccountApi accounts;

	private final NoticeSettings settings;

	private final Clock clock;

	private final Contests contests;

	private final ProgramApi programs;

	Notices(JdbcClient jdbc, MailApi mail, AccountApi accounts, NoticeSettings settings, Clock clock, Contests contests,
			ProgramApi programs) {
		this.contests = contests;
		this.programs = programs;
		this.clock = clock;
		this.jdbc = jdbc;
		this.mail = mail;
		this.accounts = accounts;
		this.settings = settings;
	}

	/**
	 * Only to a partner who has chosen a password: one without gets the invitation
	 * (accounts) instead, which says the same and how to log in.
	 */
	@ApplicationModuleListener(id = "notices.partner-approved")
	void onPartnerApproved(PartnerApproved event) {
		recipient(event.partnerId()).filter(r -> this.accounts.hasPassword(r.email()))
			.ifPresent(r -> send(Notice.PARTNER_APPROVED, r, Map.of(), "notice:partner-approved:" + r.partnerId()));
	}

	@ApplicationModuleListener(id = "notices.tier2-joined")
	void onPartnerCreated(PartnerCreated event) {
		Optional<Recipient> recruit = recipient(event.partnerId());
		if (recruit.isEmpty() || recruit.get().parentId() == null) {
			return;
		}
		recipient(recruit.get().parentId()).ifPresent(parent -> send(Notice.TIER2_JOINED, parent,
				Map.of("recruitName", recruit.get().name()), "notice:tier2-joined:" + event.partnerId()));
	}

	/**
	 * A partner who chose the daily digest gets no e-mail now: the commission is
	 * collected for the digest of today (UTC) instead.
	 */
	@ApplicationModuleListener(id = "notices.commissions-created")
	void onCommissionsCreated(CommissionsCreated event) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		Map<Long, Boolean> digest = new HashMap<>();
		for (Line line : lines(event.commissionIds())) {
			if (digest.computeIfAbsent(line.partnerId(), p -> this.mail.digest(p, MailCategory.NEW_COMMISSION))) {
				this.jdbc.sql("""
						insert into notice_digest_line (commission_id, partner_id, day) values (:id, :partner, :day)
						on conflict (commission_id) do nothing
						""").param("id", line.id()).param("partner", line.partnerId()).param("day", today).update();
				continue;
			}
			Map<String, Object> fields = new HashMap<>();
			fields.put("commissionAmount", money(line.amount()));
			fields.put("commissionCurrency", line.currency());
			fields.put("commissionTier", line.tier());
			fields.put("commissionProduct", line.sku() == null ? "" : line.sku());
			recipient(line.partnerId())
				.ifPresent(r -> send(Notice.NEW_COMMISSION, r, fields, "notice:new-commission:" + line.id()));
		}
	}

	/**
	 * One e-mail per partner and currency for each approval chunk (a bulk approval of
	 * thousands is not thousands of e-mails).
	 */
	@ApplicationModuleListener(id = "notices.commissions-approved")
	void onCommissionsStatusChanged(CommissionsStatusChanged event) {
		if (event.to() != CommissionStatus.APPROVED) {
			return;
		}
		Map<String, List<Line>> byPartner = new LinkedHashMap<>();
		for (Line line : lines(event.commissionIds())) {
			if (line.amount().signum() >= 0) {
				byPartner.computeIfAbsent(line.partnerId() + ":" + line.currency(), k -> new ArrayList<>()).add(line);
			}
		}
		byPartner.forEach((key, lines) -> {
			BigDecimal sum = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
			long first = lines.stream().mapToLong(Line::id).min().orElseThrow();
			Map<String, Object> fields = Map.of("approvedCount", lines.size(), "approvedAmount", money(sum),
					"commissionCurrency", lines.get(0).currency());
			recipient(lines.get(0).partnerId()).ifPresent(r -> send(Notice.COMMISSION_APPROVED, r, fields,
					"notice:commission-approved:" + r.partnerId() + ":" + first));
		});
	}

	@ApplicationModuleListener(id = "notices.payouts-paid")
	void onPayoutsPaid(PayoutsPaid event) {
		for (PayoutsPaid.Item item : event.items()) {
			List<Map<String, Object>> commissions = this.jdbc.sql("""
					select c.transaction_date, c.sku, c.tier, c.amount
					from payout_statement_line l join commission_ledger c on c.id = l.commission_id
					where l.item_id = :item and l.released_at is null
					order by c.transaction_date, c.id limit 500
					""").param("item", item.itemId()).query((rs, n) -> {
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("date", rs.getTimestamp("transaction_date").toInstant().toString().substring(0, 10));
				line.put("product", rs.getString("sku") == null ? "" : rs.getString("sku"));
				line.put("tier", rs.getInt("tier"));
				line.put("amount", money(rs.getBigDecimal("amount")));
				return line;
			}).list();
			Map<String, Object> fields = Map.of("payoutAmount", money(item.amount()), "payoutCurrency", item.currency(),
					"payoutItems", commissions);
			recipient(item.partnerId())
				.ifPresent(r -> send(Notice.PAYOUT_SENT, r, fields, "notice:payout-sent:" + item.itemId()));
		}
	}

	/** Every partner's digest of the new commissions of {@code day}. */
	@Scheduled(cron = "0 15 0 * * *", zone = "UTC")
	@SchedulerLock(name = "notices-commission-digest", lockAtMostFor = "PT50M", lockAtLeastFor = "PT30S")
	void scheduledDigests() {
		sendCommissionDigests(LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).minusDays(1));
	}

	/**
	 * Queues one digest per partner with new commissions collected on {@code day}
	 * (nothing for a partner without any). The dedupe key names the partner and the day,
	 * so a second or concurrent run queues nothing more. Returns how many were queued.
	 */
	@Transactional
	public int sendCommissionDigests(LocalDate day) {
		Map<Long, List<Map<String, Object>>> byPartner = new LinkedHashMap<>();
		this.jdbc.sql("""
				select c.partner_id, c.amount, c.currency, c.tier, c.sku, c.kind
				from notice_digest_line d join commission_ledger c on c.id = d.commission_id
				where d.day = :day and c.clawback_of is null
				order by c.partner_id, c.id
				""").param("day", day).query((rs, n) -> {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("amount", money(rs.getBigDecimal("amount")));
			line.put("currency", rs.getString("currency"));
			line.put("tier", rs.getInt("tier"));
			line.put("product", rs.getString("sku") != null ? rs.getString("sku") : rs.getString("kind"));
			byPartner.computeIfAbsent(rs.getLong("partner_id"), p -> new ArrayList<>()).add(line);
			return line;
		}).list();
		int queued = 0;
		for (Map.Entry<Long, List<Map<String, Object>>> entry : byPartner.entrySet()) {
			Optional<Recipient> recipient = recipient(entry.getKey());
			if (recipient.isPresent() && send(
					Notice.NEW_COMMISSION, "notice-commission-digest", recipient.get(), Map.of("digestDate",
							day.toString(), "digestCount", entry.getValue().size(), "digestLines", entry.getValue()),
					"notice:digest:" + entry.getKey() + ":" + day)) {
				queued++;
			}
		}
		return queued;
	}

	/**
	 * Contests are days (UTC): a notice when one started and when one ended, to the
	 * approved partners of its program, each once (dedupe key); only within
	 * {@value #CONTEST_GRACE_DAYS} days of the start or end, so an old contest mails
	 * nobody when this first runs.
	 */
	@Scheduled(cron = "0 20 * * * *", zone = "UTC")
	@SchedulerLock(name = "notices-contests", lockAtMostFor = "PT30M", lockAtLeastFor = "PT30S")
	void scheduledContestNotices() {
		sendContestNotices(this.contests.today());
	}

	/** Queues the contest notices due {@code today}; returns how many were queued. */
	@Transactional
	public int sendContestNotices(LocalDate today) {
		int queued = 0;
		for (ProgramSummary program : this.programs.allPrograms()) {
			for (Contest contest : this.contests.ofProgram(program.id())) {
				boolean started = "running".equals(contest.status(today))
						&& today.isBefore(contest.startsOn().plusDays(CONTEST_GRACE_DAYS));
				boolean ended = "ended".equals(contest.status(today))
						&& today.isBefore(contest.endsOn().plusDays(1 + CONTEST_GRACE_DAYS));
				if (!started && !ended) {
					continue;
				}
				for (Recipient recipient : approvedPartners(program.id())) {
					Map<String, Object> fields = new HashMap<>();
					fields.put("contestName", contest.name());
					fields.put("contestStarts", contest.startsOn().toString());
					fields.put("contestEnds", contest.endsOn() == null ? "(open-ended)" : "to " + contest.endsOn());
					Notice notice = started ? Notice.CONTEST_STARTED : Notice.CONTEST_ENDED;
					if (ended) {
						fields.put("contestResult", this.contests.rankOf(contest.id(), recipient.partnerId())
							.filter(entry -> entry.value().signum() > 0)
							.map(entry -> "rank " + entry.rank() + " of " + this.contests.standingsSize(contest.id())
									+ ", " + entry.value().stripTrailingZeros().toPlainString())
							.orElse("not ranked (nothing counted for you in this contest)"));
					}
					if (send(notice, notice.template(), recipient, fields,
							"notice:" + notice.key() + ":" + contest.id() + ":" + recipient.partnerId())) {
						queued++;
					}
				}
			}
		}
		return queued;
	}

	private List<Recipient> approvedPartners(long programId) {
		return this.jdbc.sql("""
				select p.id, p.program_id, p.parent_id, c.email, c.first_name, c.last_name
				from partner_directory p join contact_directory c on c.id = p.contact_id
				where p.program_id = :program and p.status = 'approved'
				order by p.id
				""")
			.param("program", programId)
			.query((rs, n) -> new Recipient(rs.getLong("id"), rs.getLong("program_id"),
					rs.getObject("parent_id", Long.class), rs.getString("email"),
					(nullToEmpty(rs.getString("first_name")) + " " + nullToEmpty(rs.getString("last_name"))).strip()))
			.list();
	}

	private void send(Notice notice, Recipient recipient, Map<String, Object> fields, String dedupeKey) {
		send(notice, notice.template(), recipient, fields, dedupeKey);
	}

	private boolean send(Notice notice, String template, Recipient recipient, Map<String, Object> fields,
			String dedupeKey) {
		if (!this.settings.enabled(recipient.programId(), notice)) {
			return false;
		}
		MailRequest request = MailRequest.of(template, recipient.email())
			.forPartner(recipient.partnerId())
			.category(notice.category())
			.dedupe(dedupeKey);
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			request = request.with(field.getKey(), field.getValue());
		}
		return this.mail.queue(request);
	}

	private Optional<Recipient> recipient(long partnerId) {
		return this.jdbc.sql("""
				select p.id, p.program_id, p.parent_id, c.email, c.first_name, c.last_name
				from partner_directory p join contact_directory c on c.id = p.contact_id
				where p.id = :id
				""")
			.param("id", partnerId)
			.query((rs, n) -> new Recipient(rs.getLong("id"), rs.getLong("program_id"),
					rs.getObject("parent_id", Long.class), rs.getString("email"),
					(nullToEmpty(rs.getString("first_name")) + " " + nullToEmpty(rs.getString("last_name"))).strip()))
			.optional();
	}

	private List<Line> lines(List<Long> commissionIds) {
		if (commissionIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select id, partner_id, amount, currency, tier, sku from commission_ledger
				where id = any(:ids) and clawback_of is null order by id
				""")
			.param("ids", new SqlArrayValue("bigint", commissionIds.toArray()))
			.query((rs, n) -> new Line(rs.getLong("id"), rs.getLong("partner_id"), rs.getBigDecimal("amount"),
					rs.getString("currency"), rs.getInt("tier"), rs.getString("sku")))
			.list();
	}

	private static String money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

	private record Recipient(long partnerId, long programId, @Nullable Long parentId, String email, String name) {
	}

	private record Line(long id, long partnerId, BigDecimal amount, String currency, int tier, @Nullable String sku) {
	}

}
