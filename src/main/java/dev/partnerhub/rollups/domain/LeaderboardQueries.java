package dev.partnerhub.rollups.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link Leaderboards} on the materialised values. A page walks {@code rollup_value_rank_idx} (field, value desc)
 * joined to the program's approved partners and stops after {@code limit} rows; ranks inside a page need no window
 * over the whole program: in a list sorted by value the rank of a row whose value differs from the row before is
 * its position, and only the page's first row needs a count of strictly greater values. The own rank is that count
 * (index-only on both sides: {@code rollup_value_rank_idx} and {@code partner_program_status_idx}).
 */
@Service
class LeaderboardQueries implements Leaderboards {

	public static final int MAX_LIMIT = 500;

	private static final String JOIN = """
			from rollup_value rv
			join partner p on p.contact_id = rv.contact_id and p.program_id = :program and p.status = 'approved'
			""";

	private static final String WHERE = "where rv.rollup_field_id = :field and rv.value is not null\n";

	private static final String RANKED = JOIN + WHERE;

	private final JdbcClient jdbc;

	private final RollupDefinitions definitions;

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
		RollupFunction function = field(rollupFieldId).function();
		record Row(long partnerId, String code, long contactId, String name, BigDecimal value) {
		}
		List<Row> rows = this.jdbc.sql("""
				select p.id as partner_id, p.code, rv.contact_id, c.first_name, c.last_name, rv.value
				""" + JOIN + "join contact c on c.id = rv.contact_id\n" + WHERE + """
				order by rv.value desc, p.id
				limit :limit offset :offset
				""")
			.param("field", rollupFieldId)
			.param("program", programId)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new Row(rs.getLong("partner_id"), rs.getString("code"), rs.getLong("contact_id"),
					name(rs), rs.getBigDecimal("value")))
			.list();
		List<LeaderboardEntry> entries = new ArrayList<>(rows.size());
		long rank = 0;
		BigDecimal previous = null;
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			if (i == 0) {
				rank = offset == 0 ? 1 : 1 + greater(rollupFieldId, programId, row.value());
			}
			else if (row.value().compareTo(previous) != 0) {
				rank = offset + i + 1;
			}
			previous = row.value();
			entries.add(new LeaderboardEntry(rank, row.partnerId(), row.code(), row.contactId(), row.name(), function,
					row.value()));
		}
		return entries;
	}

	@Override
	public long size(long rollupFieldId, long programId) {
		return this.jdbc.sql("select count(*) " + RANKED)
			.param("field", rollupFieldId)
			.param("program", programId)
			.query(Long.class)
			.single();
	}

	@Override
	public Optional<LeaderboardEntry> rankOf(long rollupFieldId, long programId, long partnerId) {
		RollupFunction function = field(rollupFieldId).function();
		Optional<LeaderboardEntry> own = this.jdbc.sql("""
				select p.id as partner_id, p.code, p.contact_id, c.first_name, c.last_name, rv.value
				from partner p
				join contact c on c.id = p.contact_id
				join rollup_value rv on rv.contact_id = p.contact_id and rv.rollup_field_id = :field
				where p.id = :partner and p.program_id = :program and p.status = 'approved' and rv.value is not null
				""")
			.param("field", rollupFieldId)
			.param("program", programId)
			.param("partner", partnerId)
			.query((rs, n) -> new LeaderboardEntry(0, rs.getLong("partner_id"), rs.getString("code"),
					rs.getLong("contact_id"), name(rs), function, rs.getBigDecimal("value")))
			.optional();
		return own.map(entry -> new LeaderboardEntry(1 + greater(rollupFieldId, programId, entry.value()),
				entry.partnerId(), entry.partnerCode(), entry.contactId(), entry.name(), function, entry.value()));
	}

	/** Ranked partners with a value strictly greater than {@code value}. */
	private long greater(long rollupFieldId, long programId, BigDecimal value) {
		return this.jdbc.sql("select count(*) " + RANKED + " and rv.value > :value")
			.param("field", rollupFieldId)
			.param("program", programId)
			.param("value", value)
			.query(Long.class)
			.single();
	}

	private RollupField field(long rollupFieldId) {
		return this.definitions.find(rollupFieldId)
			.orElseThrow(() -> new NotFoundException("No rollup field " + rollupFieldId));
	}

	private static String name(ResultSet rs) throws SQLException {
		return (rs.getString("first_name") + " " + rs.getString("last_name")).strip();
	}

}
