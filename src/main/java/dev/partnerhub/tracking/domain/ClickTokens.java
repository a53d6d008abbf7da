package dev.partnerhub.tracking.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.partnerhub.support.PartnerhubProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Click tokens carry the click, so attribution never waits for the click row to be
 * written: base64url of
 * {@code version(1) | partnerId(8) | clickedAt epoch seconds(8) | promoToolId(8, 0 = none) | random(16) |
 * HMAC-SHA256(previous bytes) truncated to 16} = 57 bytes, 76 characters. The random part
 * makes every click unique and unguessable; the MAC makes forged or edited tokens
 * worthless. The key comes from {@code partnerhub.tracking.token-secret} or, by default,
 * a random key created once in table {@code tracking_secret} (so tokens survive restarts
 * and are shared by every instance on the same database).
 */
@Component
public class ClickTokens {

	static final byte VERSION = 1;

	private static final int BODY = 1 + 8 + 8 + 8 + 16;

	private static final int MAC_BYTES = 16;

	private static final int LENGTH = BODY + MAC_BYTES;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int MAX_POOLED_MACS = 64;

	// an ArrayBlockingQueue knows its size in O(1) (ConcurrentLinkedQueue.size() walks
	// the queue: 1.5 % of a redirect's CPU in the profile)
	private final BlockingQueue<Mac> macs = new ArrayBlockingQueue<>(MAX_POOLED_MACS);

	private final JdbcClient jdbc;

	private final String configuredSecret;

	private volatile SecretKeySpec key;

	@Autowired
	ClickTokens(JdbcClient jdbc, PartnerhubProperties properties) {
		this(jdbc, properties.tracking().tokenSecret());
	}

	ClickTokens(JdbcClient jdbc, String configuredSecret) {
		this.jdbc = jdbc;
		this.configuredSecret = configuredSecret;
		// Fail at start-up, not on the first click.
		if (configuredSecret != null && !configuredSecret.isBlank()
				&& configuredSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalStateException("partnerhub.tracking.token-secret must have at least 32 bytes");
		}
	}

	/** The claims a genuine token carries. */
	public record Claims(long partnerId, Instant clickedAt, @Nullable Long promoToolId) {
	}

	public String issue(long partnerId, Instant clickedAt, @Nullable Long promoToolId) {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
		buffer.put(VERSION)
			.putLong(partnerId)
			.putLong(clickedAt.getEpochSecond())
			.putLong(promoToolId == null ? 0 : promoToolId)
			.put(random);
		byte[] bytes = buffer.array();
		System.arraycopy(mac(bytes), 0, bytes, BODY, MAC_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Empty for anything not issued by us: garbled, truncated, edited or signed with
	 * another key.
	 */
	public Optional<Claims> decode(String token) {
		if (token == null || token.length() != 76) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != LENGTH || bytes[0] != VERSION) {
			return Optional.empty();
		}
		byte[] expected = mac(bytes);
		byte[] actual = new byte[MAC_BYTES];
		System.arraycopy(bytes, BODY, actual, 0, MAC_BYTES);
		byte[] expectedPrefix = new byte[MAC_BYTES];
		System.arraycopy(expected, 0, expectedPrefix, 0, MAC_BYTES);
		if (!MessageDigest.isEqual(expectedPrefix, actual)) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BODY - 1);
		long partnerId = buffer.getLong();
		long seconds = buffer.getLong();
		long tool = buffer.getLong();
		if (partnerId <= 0 || seconds < 0) {
			return Optional.empty();
		}
		return Optional.of(new Claims(partnerId, Instant.ofEpochSecond(seconds), tool == 0 ? null : tool));
	}

	/** MAC over the body (the first {@link #BODY} bytes). */
	private byte[] mac(byte[] bytes) {
		// keyed Macs are reused: looking one up and keying it cost a redirect more than
		// the MAC itself; a pool rather than a ThreadLocal because every request has its
		// own (virtual) thread
		Mac mac = this.macs.poll();
		if (mac == null) {
			mac = newMac();
		}
		mac.update(bytes, 0, BODY);
		byte[] result = mac.doFinal();
		// bounded: a full pool drops the Mac
		this.macs.offer(mac);
		return result;
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key());
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	private SecretKeySpec key() {
		SecretKeySpec current = this.key;
		if (current == null) {
			synchronized (this) {
				if (this.key == null) {
					this.key = new SecretKeySpec(loadSecret(), "HmacSHA256");
				}
				current = this.key;
			}
		}
		return current;
	}

	private byte[] loadSecret() {
		if (this.configuredSecret != null && !this.configuredSecret.isBlank()) {
			byte[] secret = this.configuredSecret.getBytes(StandardCharsets.UTF_8);
			if (secret.length < 32) {
				throw new IllegalStateException("partnerhub.tracking.token-secret must have at least 32 bytes");
			}
			return secret;
		}
		byte[] fresh = new byte[32];
		RANDOM.nextBytes(fresh);
		// Two instances starting at once: the first insert wins and both read the same
		// row.
		this.jdbc.sql("insert into tracking_secret (id, secret) values (1, :secret) on conflict (id) do nothing")
			.param("secret", fresh)
			.update();
		return this.jdbc.sql("select secret from tracking_secret where id = 1").query(byte[].class).single();
	}

}
