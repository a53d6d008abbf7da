package dev.partnerhub.partners.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.partners.PartnerApi.Earner;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.support.TransactionMemo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reads of the order path in plain SQL, one statement each and never cached:
 * attribution must see a suspension at once. Within one group commit of orders each is
 * read once ({@link TransactionMemo}): the batch sees the partner as of its start, as a
 * single order would. (The console keeps using the JPA repository.)
 */
@Repository
class PartnerLookups {

	private static final String COLUMNS = "p.id, p.contact_id, p.program_id, p.code, p.status, p.parent_id, "
			+ "p.payout_email, p.created_at";

	private final JdbcClient jdbc;

	PartnerLookups(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<PartnerSummary> byCode(String code) {
		return TransactionMemo.get(new CodeKey(code.toLowerCase(Locale.ROOT)),
				() -> this.jdbc.sql("select " + COLUMNS + " from partner p where lower(p.code) = lower(:code)")
					.param("code", code)
					.query((rs, n) -> summary(rs, ""))
					.optional());
	}

	private record CodeKey(String code) {
	}

	private record ChainKey(long id) {
	}

	/**
	 * The partner and his parent (if any), each with his contact's e-mail, in one
	 * statement.
	 */
	List<Earner> selfAndParent(long id) {
		return TransactionMemo.get(new ChainKey(id), () -> this.jdbc.sql("""
				select %s, c.email, q.id as q_id, q.contact_id as q_contact_id, q.program_id as q_program_id,
				       q.code as q_code, q.status as q_status, q.parent_id as q_parent_id,
				       q.payout_email as q_payout_email, q.created_at as q_created_at, qc.email as q_email
				from partner p join contact_directory c on c.id = p.contact_id
				left join partner q on q.id = p.parent_id
				left join contact_directory qc on qc.id = q.contact_id
				where p.id = :id
				""".formatted(COLUMNS)).param("id", id).query((rs, n) -> {
			Earner self = new Earner(summary(rs, ""), rs.getString("email"));
			rs.getLong("q_id");
			return rs.wasNull() ? List.of(self) : List.of(self, new Earner(summary(rs, "q_"), rs.getString("q_email")));
		}).optional().orElse(List.of()));
	}

	private static PartnerSummary summary(ResultSet rs, String prefix) throws SQLException {
		String p = prefix.isEmpty() ? "" : prefix;
		return new PartnerSummary(rs.getLong(p + "id"), rs.getLong(p + "contact_id"), rs.getLong(p + "program_id"),
				rs.getString(p + "code"), PartnerStatus.of(rs.getString(p + "status")),
				(Long) rs.getObject(p + "parent_id"), rs.getString(p + "payout_email"),
				rs.getTimestamp(p + "created_at").toInstant());
	}

}
