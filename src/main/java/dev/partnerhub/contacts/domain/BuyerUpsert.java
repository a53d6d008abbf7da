package dev.partnerhub.contacts.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The order path's contact write in one statement: insert by e-mail or update the
 * existing contact (names, referral) and return it. Same rules as {@link Contact#rename}
 * and {@link Contact#referredBy}; the version is bumped like a JPA update so console
 * edits of the same contact still detect the change.
 */
@Repository
class BuyerUpsert {

	/**
	 * One row per buyer (arrays, so one text and plan whatever the count), inserted in
	 * the given order. The referrer counts unless he is the buyer himself: a partner's
	 * own contact exists before he does, so comparing with the stored contact of that
	 * e-mail is enough. A referral that does not count leaves {@code partner} null in the
	 * proposed row, which is how the update below tells "credit" from "no credit". A
	 * blank name is '' in the proposed row and keeps the stored one.
	 * <p>
	 * The partner's own e-mail comes from {@code contact_lower_email} (V32), a lookup by
	 * primary key whatever the statistics say. Written as
	 * {@code NOT EXISTS (select … from
	 * contact)}, a young table without statistics got a hashed subplan: a full scan of
	 * {@code contact} for each of the six references to {@code r.partner}, per batch, so
	 * order ingestion slowed down as the table grew until its first ANALYZE.
	 */
	private static final String SQL = """
			with written as (
			insert into contact as c (email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
			    first_referral, last_referrer_id, last_referred_at, last_referral)
			select v.email, coalesce(v.first_name, ''), coalesce(v.last_name, ''), :now, v.credited,
			    case when v.credited is null then null else cast(v.at as timestamptz) end,
			    case when v.credited is null then null else v.referral end,
			    v.credited, case when v.credited is null then null else cast(v.at as timestamptz) end,
			    case when v.credited is null then null else v.referral end
			from (select u.*, case when u.partner is not null
			          and contact_lower_email(u.partner_contact) is distinct from lower(u.email)
			          then u.partner end as credited
			      from unnest(:emails, :firsts, :lasts, :partners, :partnerContacts, :ats, :referrals) with ordinality
			          as u (email, first_name, last_name, partner, partner_contact, at, referral, n)
			      offset 0) v
			order by v.n
			on conflict ((lower(email))) do update set
			    first_name = case when excluded.first_name = '' then c.first_name else excluded.first_name end,
			    last_name = case when excluded.last_name = '' then c.last_name else excluded.last_name end,
			    first_referrer_id = case when excluded.last_referrer_id is not null and c.first_referrer_id is null
			        then excluded.first_referrer_id else c.first_referrer_id end,
			    first_referred_at = case when excluded.last_referrer_id is not null and c.first_referrer_id is null
			        then excluded.first_referred_at else c.first_referred_at end,
			    first_referral = case when excluded.last_referrer_id is not null and c.first_referrer_id is null
			        then excluded.first_referral else c.first_referral end,
			    last_referrer_id = coalesce(excluded.last_referrer_id, c.last_referrer_id),
			    last_referred_at = case when excluded.last_referrer_id is not null
			        then excluded.last_referred_at else c.last_referred_at end,
			    last_referral = case when excluded.last_referrer_id is not null
			        then excluded.last_referral else c.last_referral end,
			    version = c.version + 1
			returning id, email, first_name, last_name, date_added, first_referrer_id, first_referred_at,
			    last_referrer_id, last_referred_at
			)
			select w.*, k.n from written w
			join unnest(:emails) with ordinality as k (email, n) on lower(k.email) = lower(w.email)
			""";

	private final JdbcClient jdbc;

	BuyerUpsert(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Creates or updates each buyer by e-mail, referred by his referrer (or null) unless
	 * that is the buyer himself. The e-mails must differ case-insensitively (one
	 * statement cannot update a row twice). Answers in the given order.
	 */
	List<ContactSummary> upsert(List<ContactApi.ReferredBuyer> buyers, Instant now) {
		int n = buyers.size();
		String[] emails = new String[n];
		String[] firsts = new String[n];
		String[] lasts = new String[n];
		Long[] partners = new Long[n];
		Long[] partnerContacts = new Long[n];
		String[] ats = new String[n];
		String[] referrals = new String[n];
		for (int i = 0; i < n; i++) {
			ContactApi.ReferredBuyer b = buyers.get(i);
			emails[i] = b.email();
			firsts[i] = keptName(b.firstName());
			lasts[i] = keptName(b.lastName());
			if (b.referrer() != null) {
				partners[i] = b.referrer().partnerId();
				partnerContacts[i] = b.referrer().contactId();
				ats[i] = b.at().toString();
				referrals[i] = Contact.trail(b.referral());
			}
		}
		ContactSummary[] answers = new ContactSummary[n];
		this.jdbc.sql(SQL)
			.param("now", Timestamp.from(now))
			.param("emails", new SqlArrayValue("varchar", (Object[]) emails))
			.param("firsts", new SqlArrayValue("varchar", (Object[]) firsts))
			.param("lasts", new SqlArrayValue("varchar", (Object[]) lasts))
			.param("partners", new SqlArrayValue("bigint", (Object[]) partners))
			.param("partnerContacts", new SqlArrayValue("bigint", (Object[]) partnerContacts))
			.param("ats", new SqlArrayValue("varchar", (Object[]) ats))
			.param("referrals", new SqlArrayValue("varchar", (Object[]) referrals))
			.query((RowCallbackHandler) rs -> answers[rs.getInt("n") - 1] = summary(rs, 0));
		return Arrays.asList(answers);
	}

	/**
	 * Blank keeps the stored name (null here); otherwise stripped, as
	 * {@link Contact#rename} does.
	 */
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
