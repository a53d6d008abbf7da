package dev.partnerhub.contacts.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.partnerhub.contacts.ContactImport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;

/** {@link ContactImport}: one insert from arrays, ids assigned in the arrays' order. */
@Service
class ContactImporter implements ContactImport {

	private final JdbcClient jdbc;

	ContactImporter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Long> importAll(List<NewContact> contacts) {
		if (contacts.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				insert into contact (email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
				                     last_referrer_id, last_referred_at)
				select email, first_name, last_name, date_added, first_referrer, first_at, last_referrer, last_at
				from unnest(:email, :first, :last, :added, :firstReferrer, :firstAt, :lastReferrer, :lastAt)
				     with ordinality as v(email, first_name, last_name, date_added, first_referrer, first_at,
				                          last_referrer, last_at, n)
				order by n
				returning id
				""")
			.param("email", array("varchar", contacts, NewContact::email))
			.param("first", array("varchar", contacts, NewContact::firstName))
			.param("last", array("varchar", contacts, NewContact::lastName))
			.param("added", array("timestamptz", contacts, c -> timestamp(c.dateAdded())))
			.param("firstReferrer", array("bigint", contacts, NewContact::firstReferrerId))
			.param("firstAt", array("timestamptz", contacts, c -> timestamp(c.firstReferredAt())))
			.param("lastReferrer", array("bigint", contacts, NewContact::lastReferrerId))
			.param("lastAt", array("timestamptz", contacts, c -> timestamp(c.lastReferredAt())))
			.query(Long.class)
			.list();
	}

	private static SqlArrayValue array(String type, List<NewContact> contacts, Function<NewContact, Object> value) {
		return new SqlArrayValue(type, contacts.stream().map(value).toArray());
	}

	private static Timestamp timestamp(Instant at) {
		return at == null ? null : Timestamp.from(at);
	}

}
