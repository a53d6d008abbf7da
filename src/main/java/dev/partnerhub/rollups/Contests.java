package dev.partnerhub.rollups;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Contests for the partner center and the console: a program's contests, standings and a
 * partner's own rank.
 */
public interface Contests {

	/** The program's contests, latest start first. */
	List<Contest> ofProgram(long programId);

	Optional<Contest> find(long id);

	/**
	 * Standings (the contest's leaderboard; see {@link Leaderboards} for who is ranked
	 * and how ties rank).
	 */
	List<LeaderboardEntry> standings(long contestId, long offset, int limit);

	/** How many partners the standings rank. */
	long standingsSize(long contestId);

	/** The partner's own standing; empty when he is not ranked. */
	Optional<LeaderboardEntry> rankOf(long contestId, long partnerId);

	/** Today (UTC) as the contests see it, for {@link Contest#status(LocalDate)}. */
	LocalDate today();

}
