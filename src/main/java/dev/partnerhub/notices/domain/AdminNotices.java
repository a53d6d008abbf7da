package dev.partnerhub.notices.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.payouts.PayoutApi;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily admin notice "payouts due": when approved commissions are owed and not yet in
 * a payout batch, every admin gets the amounts per currency and a link to the payouts
 * page. The dedupe key names the day and the admin, so a second run (another instance, a
 * restart) on the same day queues nothing.
 */
@Component
public class AdminNotices {

	private final MailApi mail;

	private final AccountApi accounts;

	private final PayoutApi payouts;

	private final Clock clock;

	AdminNotices(MailApi mail, AccountApi accounts, PayoutApi payouts, Clock clock) {
		this.mail = mail;
		this.accounts = accounts;
		this.payouts = payouts;
		this.clock = clock;
	}

	@Scheduled(cron = "0 0 7 * * *", zone = "UTC")
	@SchedulerLock(name = "notices-payouts-due", lockAtMostFor = "PT30M", lockAtLeastFor = "PT30S")
	void scheduledPayoutsDue() {
		sendPayoutsDue();
	}

	/**
	 * Queues today's "payouts due" notice to each admin; returns how many were queued.
	 */
	@Transactional
	public int sendPayoutsDue() {
		Map<String, BigDecimal> due = this.payouts.dueByCurrency();
		if (due.isEmpty()) {
			return 0;
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		List<Map<String, Object>> amounts = due.entrySet()
			.stream()
			.map(e -> Map.<String, Object>of("currency", e.getKey(), "amount", money(e.getValue())))
			.toList();
		String summary = due.entrySet()
			.stream()
			.map(e -> money(e.getValue()) + " " + e.getKey())
			.collect(Collectors.joining(", "));
		int queued = 0;
		for (String admin : this.accounts.adminEmails()) {
			boolean sent = this.mail.queue(MailRequest.of("admin-payouts-due", admin)
				.with("dueAmounts", amounts)
				.with("dueSummary", summary)
				.with("nextPayoutDate", this.payouts.nextPayoutDate().toString())
				.with("payoutsUrl", this.mail.baseUrl() + "/admin/payouts")
				.dedupe("notice:payouts-due:" + today + ":" + admin.toLowerCase(Locale.ROOT)));
			queued += sent ? 1 : 0;
		}
		return queued;
	}

	private static String money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

}
