package dev.partnerhub.rollups.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link Leaderboards} on the materialised values. A board — every ranked partner of one
 * (rollup field, program), sorted by value desc, contact id — is read with one query and
 * kept in memory; a request checks that it is still current with one index-only probe
 * ({@code max(computed_at)} of the field's values, which every value write bumps) and
 * otherwise reloads it before answering. Boards are also reloaded in the background once
 * they are older than {@link #MAX_AGE} (the stale board answers meanwhile), so partner
 * changes the stamp cannot see (suspension, program moves, names) show within about a
 * second, like the values themselves. Top N is then a slice and the own rank a binary
 * search: rank = 1 + the number of ranked partners with a strictly greater value
 * (standard competition ranking).
 * <p>
 * Why not SQL per request: the own-rank count joins every partner of the program with a
 * greater value (10k rows in the benchmark), several milliseconds on the 2-core machine,
 * while the probe is a single index entry.
 */
@Service
class LeaderboardQueries implements Leaderboards {

	public static final int MAX_LIMIT = 500;

	static final Duration MAX_AGE = Duration.ofSeconds(1);

	/**
	 * Boards kept at most (one per field and program asked for); beyond it the cache
	 * starts over.
	 */
	static final int MAX_BOARDS = 200;

	private record Key(long field, long program) {
	}

	/** One loaded board; arrays are parallel, index = position in the ranking. */
	private record Board(RollupFunction function, OffsetDateTime stamp, long loadedAt, BigDecimal[] values,
			long[] partnerIds, long[] contactIds, String[] codes, String[] names, Map<Long, Integer> positions) {

		int size() {
			return this.values.length;
		}

		/**
		 * How many entries have a value strictly greater than {@code value} (values are
		 * sorted descending).
		 */
		int greater(BigDecimal value) {
			int low = 0;
			int high = this.values.length;
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (this.values[mid].compareTo(value) > 0) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low;
		}

		LeaderboardEntry entry(int position, long rank) {
			return new LeaderboardEntry(rank, this.partnerIds[position], this.codes[position],
					this.contactIds[position], this.names[position], this.function, this.values[position]);
		}

	}

	private final JdbcClient jdbc;

	private final RollupDefinitions definitions;

	private static final Logger log = LoggerFactory.getLogger(LeaderboardQueries.class);

	private final Map<Key, Board> boards = new ConcurrentHashMap<>();

	/** Boards being reloaded in the background (one reload per board at a time). */
	private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();

	private final ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "leaderboard-refresh");
		thread.setDaemon(true);
		return thread;
	});

	LeaderboardQueries(JdbcClient jdbc, RollupDefinitions definitions) {
		this.jdbc = jdbc;
		this.definitions = definitions;
	}

	@Override
	public List<LeaderboardEntry> top(long rollupFieldId, long programId, int limit) {
		return page(rollupFieldId, programId, 0, limit);
	}

	@Override
	public List<LeaderboardEntry> page(long rollupFieldId, long programId, long offset, int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInputException("limit", "limit: must be between 1 and " + MAX_LIMIT);
		}
		if (offset < 0) {
			throw new InvalidInputException("offset", "offset: must not be negative");
		}
		Board board = board(rollupFieldId, programId);
		List<LeaderboardEntry> entries = new ArrayList<>();
		long rank = 0;
		for (long i = offset; i < Math.min(board.size(), offset + limit); i++) {
			int position = (int) i;
			if (i == offset || board.values[position].compareTo(board.values[position - 1]) != 0) {
				rank = 1 + board.greater(board.values[position]);
			}
			entries.add(board.entry(position, rank));
		}
		return entries;
	}

	@Override
	public long size(long rollupFieldId, long programId) {
		return board(rollupFieldId, programId).size();
	}

	@Override
	public Optional<LeaderboardEntry> rankOf(long rollupFieldId, long programId, long partnerId) {
		Board board = board(rollupFieldId, programId);
		Integer position = board.positions.get(partnerId);
		return position == null ? Optional.empty()
				: Optional.of(board.entry(position, 1 + board.greater(board.values[position])));
	}

	/**
	 * The current board: the cached one when its stamp still matches and it is younger
	 * than {@link #MAX_AGE}.
	 */
	private Board board(long rollupFieldId, long programId) {
		Key key = new Key(rollupFieldId, programId);
		OffsetDateTime stamp = stamp(rollupFieldId);
		Board board = this.boards.get(key);
		if (board != null && Objects.equals(board.stamp(), stamp)) {
			if (System.nanoTime() - board.loadedAt() >= MAX_AGE.toNanos() && this.refreshing.add(key)) {
				this.refresher.execute(() -> {
					try {
						keep(key, load(rollupFieldId, programId, stamp));
					}
					catch (RuntimeException ex) {
						// e.g. the field was deleted meanwhile: the next request loads
						// (and reports) it
						this.boards.remove(key);
						log.debug("Leaderboard reload failed", ex);
					}
					finally {
						this.refreshing.remove(key);
					}
				});
			}
			return board;
		}
		return keep(key, load(rollupFieldId, programId, stamp));
	}

	private Board keep(Key key, Board board) {
		if (this.boards.size() >= MAX_BOARDS) {
			this.boards.clear();
		}
		this.boards.put(key, board);
		return board;
	}

	@PreDestroy
	void stop() {
		this.refresher.shutdownNow();
	}

	/**
	 * When a value of the field was last written (index-only:
	 * {@code rollup_value_written_idx}).
	 */
	private OffsetDateTime stamp(long rollupFieldId) {
		// null while the field has no values yet (its first recompute is still running)
		return this.jdbc.sql("select max(computed_at) from rollup_value where rollup_field_id = :field")
			.param("field", rollupFieldId)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.list()
			.get(0);
	}

	private Board load(long rollupFieldId, long programId, OffsetDateTime stamp) {
		long loadedAt = System.nanoTime();
		RollupFunction function = this.definitions.find(rollupFieldId)
			.orElseThrow(() -> new NotFoundException("No rollup field " + rollupFieldId))
			.function();
		record Row(long partnerId, String code, long contactId, String name, BigDecimal value) {
		}
		List<Row> rows = this.jdbc
			.sql("""
					select p.id as partner_id, p.code, rv.contact_id, c.first_name, c.last_name, rv.value
					from rollup_value rv
					join partner_directory p on p.contact_id = rv.contact_id and p.program_id = :program and p.status = 'approved'
					join contact_directory c on c.id = rv.contact_id
					where rv.rollup_field_id = :field and rv.value is not null
					order by rv.value desc, rv.contact_id
					""")
			.param("field", rollupFieldId)
			.param("program", programId)
			.query((rs, n) -> new Row(rs.getLong("partner_id"), rs.getString("code"), rs.getLong("contact_id"),
					(rs.getString("first_name") + " " + rs.getString("last_name")).strip(), rs.getBigDecimal("value")))
			.list();
		int n = rows.size();
		BigDecimal[] values = new BigDecimal[n];
		long[] partnerIds = new long[n];
		long[] contactIds = new long[n];
		String[] codes = new String[n];
		String[] names = new String[n];
		Map<Long, Integer> positions = new HashMap<>(n * 2);
		for (int i = 0; i < n; i++) {
			Row row = rows.get(i);
			values[i] = row.value();
			partnerIds[i] = row.partnerId();
			contactIds[i] = row.contactId();
			codes[i] = row.code();
			names[i] = row.name();
			positions.put(row.partnerId(), i);
		}
		return new Board(function, stamp, loadedAt, values, partnerIds, contactIds, codes, names, positions);
	}

}
