package dev.partnerhub.rollups.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.commissions.Bonus;
import dev.partnerhub.commissions.BonusResult;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contest prizes: an amount per place, awarded as bonuses once the contest has ended (the
 * day after its end day, UTC). Exactly once, also across a crash or two instances: the
 * winners are fixed first ({@code contest_award}, one row per place, inserted once), each
 * place's bonus has the unique key {@code contest:<id>:rank:<place>}, and the contest is
 * marked awarded only when every place has its bonus; a later run finishes what an
 * earlier one left. Ties: the places follow the leaderboard's order (equal values: the
 * partner whose contact was added first comes first), so every place has exactly one
 * winner; a partner with no value (0) wins nothing.
 */
@Service
public class ContestPrizes {

	private static final Logger log = LoggerFactory.getLogger(ContestPrizes.class);

	public static final int MAX_PLACES = 100;

	private final JdbcClient jdbc;

	private final ContestService contests;

	private final CommissionApi commissions;

	private final ProgramApi programs;

	private final TransactionTemplate transactions;

	ContestPrizes(JdbcClient jdbc, ContestService contests, CommissionApi commissions, ProgramApi programs,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.contests = contests;
		this.commissions = commissions;
		this.programs = programs;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Prize amounts by place (first place first). */
	public List<BigDecimal> prizesOf(long contestId) {
		return this.jdbc.sql("select amount from contest_prize where contest_id = :id order by place")
			.param("id", contestId)
			.query(BigDecimal.class)
			.list();
	}

	/**
	 * Replaces the prizes ("100.00, 50.00": place 1, place 2); refused once the prizes
	 * were awarded (or are being awarded).
	 */
	public List<BigDecimal> setPrizes(long contestId, List<String> amounts) {
		if (amounts.size() > MAX_PLACES) {
			throw new InvalidInputException("prizes", "At most " + MAX_PLACES + " prizes.");
		}
		List<BigDecimal> parsed = new ArrayList<>();
		for (int i = 0; i < amounts.size(); i++) {
			BigDecimal amount = MoneyInput.parse("prizes", amounts.get(i) == null ? null : amounts.get(i).strip());
			if (amount.signum() <= 0) {
				throw new InvalidInputException("prizes", "Prize " + (i + 1) + " must be more than 0.00.");
			}
			parsed.add(amount);
		}
		Contest contest = this.contests.get(contestId);
		this.transactions.executeWithoutResult(status -> {
			boolean decided = this.jdbc.sql("""
					select prizes_awarded_at is not null
					       or exists (select 1 from contest_award a where a.contest_id = k.id)
					from contest k where k.id = :id for update
					""").param("id", contest.id()).query(Boolean.class).single();
			if (decided) {
				throw new ConflictException("prizes", "The prizes of this contest were awarded already.");
			}
			this.jdbc.sql("delete from contest_prize where contest_id = :id").param("id", contest.id()).update();
			for (int i = 0; i < parsed.size(); i++) {
				this.jdbc.sql("insert into contest_prize (contest_id, place, amount) values (:id, :place, :amount)")
					.param("id", contest.id())
					.param("place", i + 1)
					.param("amount", parsed.get(i))
					.update();
			}
		});
		return parsed;
	}

	/** What was awarded: place, partner, value, amount, commission (null until given). */
	public record Award(int place, long partnerId, BigDecimal value, BigDecimal amount, @Nullable Long commissionId) {
	}

	public List<Award> awardsOf(long contestId) {
		return this.jdbc.sql("""
				select place, partner_id, value, amount, commission_id from contest_award
				where contest_id = :id order by place
				""")
			.param("id", contestId)
			.query((rs, n) -> new Award(rs.getInt("place"), rs.getLong("partner_id"), rs.getBigDecimal("value"),
					rs.getBigDecimal("amount"), rs.getObject("commission_id", Long.class)))
			.list();
	}

	/**
	 * Awards the prizes of every contest that has ended and is not marked awarded;
	 * returns how many bonuses this call created. Safe to run again and concurrently.
	 */
	public int awardEnded() {
		List<Long> due = this.jdbc.sql("""
				select k.id from contest k
				where k.prizes_awarded_at is null and k.ends_on < :today
				  and exists (select 1 from contest_prize z where z.contest_id = k.id)
				order by k.id
				""").param("today", this.contests.today()).query(Long.class).list();
		int created = 0;
		for (long id : due) {
			created += award(id);
		}
		return created;
	}

	/** One contest: fix the winners (once), give each place its bonus, mark awarded. */
	int award(long contestId) {
		Contest contest = this.contests.get(contestId);
		decideWinners(contest);
		String currency = this.programs.findProgram(contest.programId()).map(p -> p.currency()).orElse(null);
		int created = 0;
		for (Award award : awardsOf(contestId)) {
			if (award.commissionId() != null || currency == null) {
				continue;
			}
			BonusResult result;
			try {
				result = this.transactions.execute(status -> this.commissions.giveBonus(new Bonus(award.partnerId(),
						award.amount(), currency, "Contest \"" + contest.name() + "\": place " + award.place(),
						"contest:" + contestId + ":rank:" + award.place())));
			}
			catch (ConflictException ex) {
				// the key was used for this place with other terms (prizes changed by
				// hand
				// in the database): never a second bonus for a place
				log.warn("Contest {} place {}: {}", contestId, award.place(), ex.getMessage());
				continue;
			}
			this.jdbc.sql("update contest_award set commission_id = :c where contest_id = :id and place = :place")
				.param("c", result.commission().id())
				.param("id", contestId)
				.param("place", award.place())
				.update();
			created += result.created() ? 1 : 0;
		}
		this.jdbc.sql("""
				update contest set prizes_awarded_at = now()
				where id = :id and prizes_awarded_at is null
				  and not exists (select 1 from contest_award a where a.contest_id = :id and a.commission_id is null)
				""").param("id", contestId).update();
		return created;
	}

	/**
	 * The standings at the first run after the end become the winners, in one transaction
	 * that locks the contest row: a second runner waits and then finds them.
	 */
	private void decideWinners(Contest contest) {
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.sql("select id from contest where id = :id for update")
				.param("id", contest.id())
				.query(Long.class)
				.single();
			boolean decided = this.jdbc.sql("select exists (select 1 from contest_award where contest_id = :id)")
				.param("id", contest.id())
				.query(Boolean.class)
				.single();
			if (decided) {
				return;
			}
			List<BigDecimal> prizes = prizesOf(contest.id());
			List<LeaderboardEntry> standings = this.contests.standings(contest.id(), 0, prizes.size());
			for (int i = 0; i < prizes.size() && i < standings.size(); i++) {
				LeaderboardEntry entry = standings.get(i);
				if (entry.value() == null || entry.value().signum() <= 0) {
					break;
				}
				this.jdbc.sql("""
						insert into contest_award (contest_id, place, partner_id, value, amount)
						values (:id, :place, :partner, :value, :amount)
						""")
					.param("id", contest.id())
					.param("place", i + 1)
					.param("partner", entry.partnerId())
					.param("value", entry.value().setScale(2, java.math.RoundingMode.HALF_UP))
					.param("amount", prizes.get(i))
					.update();
			}
		});
	}

	// One instance at a time; the long initial delay keeps it out of test runs (tests
	// call awardEnded()).
	@Scheduled(fixedDelayString = "${partnerhub.jobs.contest-prizes.interval:PT15M}",
			initialDelayString = "${partnerhub.jobs.contest-prizes.initial-delay:PT10M}")
	@SchedulerLock(name = "contest-prizes", lockAtMostFor = "PT30M", lockAtLeastFor = "PT30S")
	public void scheduled() {
		int created = awardEnded();
		if (created > 0) {
			log.info("Contest prizes: {} bonuses given", created);
		}
	}

}
