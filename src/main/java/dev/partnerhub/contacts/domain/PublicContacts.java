package dev.partnerhub.contacts.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The contact write of public forms ({@link ContactApi#receivePublic}): insert a new
 * contact, or leave an existing one alone except for a fresh click moving his last
 * referrer. One statement, so the freshness check and the write cannot be split by a
 * concurrent request; the version is bumped only when the row changes.
 */
@Repository
class PublicContacts {

	/**
	 * The proposed row credits the click's partner unless he is the contact himself (his
	 * own contact has that e-mail). On conflict the existing row changes only for a
	 * credited click newer than his last referral; the names, the e-mail and the first
	 * referrer are never touched. No row comes back when nothing changed.
	 */
	private static final String SQL = """
			insert into contact as c (email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
			    first_referral, last_referrer_id, last_referred_at, last_referral)
			select cast(:email as varchar), :first, :last, :now, r.partner,
			    case when r.partner is null then null else cast(:now as timestamptz) end,
			    case when r.partner is null then null else cast(:referral as varchar) end,
			    r.partner, case when r.partner is null then null else cast(:now as timestamptz) end,
			    case when r.partner is null then null else cast(:referral as varchar) end
			from (select case when cast(:partner as bigint) is not null and not exists (
			    select 1 from contact self where self.id = cast(:partnerContact as bigint)
			        and lower(self.email) = lower(cast(:email as varchar)))
			    then cast(:partner as bigint) end as partner) r
			on conflict ((lower(email))) do update set
			    last_referrer_id = excluded.last_referrer_id,
			    last_referred_at = excluded.last_referred_at,
			    last_referral = excluded.last_referral,
			    version = c.version + 1
			where excluded.last_referrer_id is not null
			    and (c.last_referred_at is null or c.last_referred_at < cast(:clickedAt as timestamptz))
			returning id, email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
			    last_referrer_id, last_referred_at, (xmax = 0) as created
			""";

	private final JdbcClient jdbc;

	PublicContacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ContactApi.PublicContact receive(String email, String firstName, String lastName, ReferralResolver.Click click,
			Instant now) {
		Optional<ContactApi.PublicContact> written = this.jdbc.sql(SQL)
			.param("email", email)
			.param("first", name(firstName))
			.param("last", name(lastName))
			.param("now", Timestamp.from(now))
			.param("partner", click == null ? null : click.referrer().partnerId())
			.param("partnerContact", click == null ? null : click.referrer().contactId())
			.param("referral", click == null ? null : Contact.trail(click.token()))
			.param("clickedAt", click == null ? null : Timestamp.from(click.clickedAt()))
			.query((rs, n) -> {
				// Inserted: referred when the click was credited. Updated: only a
				// recorded click changes the row.
				boolean created = rs.getBoolean("created");
				ContactSummary contact = summary(rs);
				return new ContactApi.PublicContact(contact, created, !created || contact.lastReferrerId() != null);
			})
			.optional();
		if (written.isPresent()) {
			return written.get();
		}
		// An existing contact the form may not change: answered as he is.
		ContactSummary existing = this.jdbc.sql("""
				select id, email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
				    last_referrer_id, last_referred_at
				from contact where lower(email) = lower(:email)
				""").param("email", email).query((rs, n) -> summary(rs)).single();
		return new ContactApi.PublicContact(existing, false, false);
	}

	/** Stripped, as {@link Contact#rename} does; blank is empty. */
	private static String name(String name) {
		return name == null ? "" : name.strip();
	}

	private static ContactSummary summary(ResultSet rs) throws SQLException {
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
