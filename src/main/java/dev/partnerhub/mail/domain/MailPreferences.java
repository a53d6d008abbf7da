package dev.partnerhub.mail.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.partnerhub.mail.MailCategory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.jspecify.annotations.Nullable;

/**
 * Which categories of non-transactional e-mail a partner gets, and the signed unsubscribe
 * links that turn one off without a login. A link is
 * {@code {base}/mail/unsubscribe/{partnerId}.{category}.{HMAC-SHA256}} with a random key
 * kept in {@code mail_secret}: it can only turn off that category for that partner, so a
 * mail client (or anyone holding the e-mail) posting it does no other harm.
 */
@Component
@Transactional
public class MailPreferences {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	// loaded on first use
	private volatile byte @Nullable [] secret;

	MailPreferences(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public boolean subscribed(long partnerId, MailCategory category) {
		return this.jdbc
			.sql("select subscribed from mail_preference where partner_id = :partner and category = :category")
			.param("partner", partnerId)
			.param("category", category.key())
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	@Transactional(readOnly = true)
	public Map<MailCategory, Boolean> all(long partnerId) {
		Map<MailCategory, Boolean> choices = new EnumMap<>(MailCategory.class);
		for (MailCategory category : MailCategory.values()) {
			choices.put(category, true);
		}
		this.jdbc.sql("select category, subscribed from mail_preference where partner_id = :partner")
			.param("partner", partnerId)
			.query((rs, n) -> Map.entry(rs.getString("category"), rs.getBoolean("subscribed")))
			.list()
			.forEach(row -> MailCategory.byKey(row.getKey()).ifPresent(c -> choices.put(c, row.getValue())));
		return choices;
	}

	public void set(long partnerId, MailCategory category, boolean subscribed) {
		this.jdbc.sql("""
				insert into mail_preference (partner_id, category, subscribed, updated_at)
				values (:partner, :category, :subscribed, :now)
				on conflict (partner_id, category) do update set subscribed = excluded.subscribed,
				       updated_at = excluded.updated_at
				where mail_preference.subscribed <> excluded.subscribed
				""")
			.param("partner", partnerId)
			.param("category", category.key())
			.param("subscribed", subscribed)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/** True when the partner takes this category as one e-mail a day. */
	public boolean digest(long partnerId, MailCategory category) {
		return this.jdbc.sql("select count(*) from mail_digest where partner_id = :partner and category = :category")
			.param("partner", partnerId)
			.param("category", category.key())
			.query(Long.class)
			.single() > 0;
	}

	public void setDigest(long partnerId, MailCategory category, boolean digest) {
		if (digest) {
			this.jdbc.sql("""
					insert into mail_digest (partner_id, category, updated_at) values (:partner, :category, :now)
					on conflict (partner_id, category) do nothing
					""")
				.param("partner", partnerId)
				.param("category", category.key())
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
		}
		else {
			this.jdbc.sql("delete from mail_digest where partner_id = :partner and category = :category")
				.param("partner", partnerId)
				.param("category", category.key())
				.update();
		}
	}

	/** The token of an unsubscribe link (URL-safe). */
	public String token(long partnerId, MailCategory category) {
		String payload = partnerId + "." + category.key();
		return payload + "." + sign(payload);
	}

	/**
	 * The partner and category of a genuine token; empty for a forged, altered or
	 * malformed one.
	 */
	public Optional<Unsubscribe> verify(String token) {
		if (token == null || token.length() > 200) {
			return Optional.empty();
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3 || !parts[0].matches("[1-9][0-9]{0,17}")) {
			return Optional.empty();
		}
		Optional<MailCategory> category = MailCategory.byKey(parts[1]);
		if (category.isEmpty()) {
			return Optional.empty();
		}
		String expected = sign(parts[0] + "." + parts[1]);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				parts[2].getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		return Optional.of(new Unsubscribe(Long.parseLong(parts[0]), category.get()));
	}

	private String sign(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] secret() {
		byte[] current = this.secret;
		if (current == null) {
			byte[] fresh = new byte[32];
			RANDOM.nextBytes(fresh);
			// two instances starting at once: the first insert wins and both read it
			this.jdbc.sql("insert into mail_secret (id, secret) values (1, :secret) on conflict (id) do nothing")
				.param("secret", fresh)
				.update();
			current = this.jdbc.sql("select secret from mail_secret where id = 1").query(byte[].class).single();
			this.secret = current;
		}
		return current;
	}

	public record Unsubscribe(long partnerId, MailCategory category) {
	}

}
