package dev.partnerhub.contacts.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The order path's contact write in one statement: insert by e-mail or update the existing contact (names, referral)
 * and return it. Same rules as {@link Contact#rename} and {@link Contact#referredBy}; the version is bumped like a
 * JPA update so console edits of the same contact still detect the change.
 */
@Repository
class BuyerUpsert {

	private static final String SQL = """
			insert into contact as c (email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
			    first_referral, last_referrer_id, last_referred_at, last_referral)
			values (:email, coalesce(cast(:first as varchar), ''), coalesce(cast(:last as varchar), ''), :now,
			    cast(:partner as bigint), cast(:at as timestamptz), cast(:referral as varchar),
			    cast(:partner as bigint), cast(:at as timestamptz), cast(:referral as varchar))
			on conflict ((lower(email))) do update set
			    first_name = coalesce(cast(:first as varchar), c.first_name),
			    last_name = coalesce(cast(:last as varchar), c.last_name),
			    first_referrer_id = case when :credits and c.id <> :partnerContact and c.first_referrer_id is null
			        then cast(:partner as bigint) else c.first_referrer_id end,
			    first_referred_at = case when :credits and c.id <> :partnerContact and c.first_referrer_id is null
			        then cast(:at as timestamptz) else c.first_referred_at end,
			    first_referral = case when :credits and c.id <> :partnerContact and c.first_referrer_id is null
			        then cast(:referral as varchar) else c.first_referral end,
			    last_referrer_id = case when :credits and c.id <> :partnerContact
			        then cast(:partner as bigint) else c.last_referrer_id end,
			    last_referred_at = case when :credits and c.id <> :partnerContact
			        then cast(:at as timestamptz) else c.last_referred_at end,
			    last_referral = case when :credits and c.id <> :partnerContact
			        then cast(:referral as varchar) else c.last_referral end,
			    version = c.version + 1
			returning id, email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
			    last_referrer_id, last_referred_at
			""";

	private final JdbcClient jdbc;

	BuyerUpsert(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param referrer who referred him, or null; ignored when it is the contact himself (a new contact never is: the
	 * referrer's own contact exists already, with another e-mail)
	 */
	ContactSummary upsert(String email, String firstName, String lastName, ReferralResolver.Referrer referrer,
			Instant at, String referral, Instant now) {
		boolean credits = referrer != null;
		return this.jdbc.sql(SQL)
			.param("email", email)
			.param("first", keptName(firstName))
			.param("last", keptName(lastName))
			.param("now", Timestamp.from(now))
			.param("credits", credits)
			.param("partner", credits ? referrer.partnerId() : null)
			.param("partnerContact", credits ? referrer.contactId() : -1L)
			.param("at", credits ? Timestamp.from(at) : null)
			.param("referral", credits ? Contact.trail(referral) : null)
			.query(BuyerUpsert::summary)
			.single();
	}

	/** Blank keeps the stored name (null here); otherwise stripped, as {@link Contact#rename} does. */
	private static String keptName(String name) {
		return name == null || name.isBlank() ? null : name.strip();
	}

	private static ContactSummary summary(ResultSet rs, int row) throws SQLException {
		return new ContactSummary(rs.getLong("id"), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), instant(rs, "date_added"), (Long) rs.getObject("first_referrer_id"),
				instant(rs, "first_referred_at"), (Long) rs.getObject("last_referrer_id"),
				instant(rs, "last_referred_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
