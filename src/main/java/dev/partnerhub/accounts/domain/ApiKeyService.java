package dev.partnerhub.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.ShortLivedCache;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys are random 32-byte tokens shown once at creation. Only their SHA-256 is
 * stored: the tokens carry enough entropy that a slow password hash adds nothing, and a
 * fast hash keeps every API request cheap.
 */
@Service
@Transactional
public class ApiKeyService {

	private static final String TOKEN_PREFIX = "ph_";

	private final ApiKeyRepository keys;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final ShortLivedCache<String, ActiveKey> activeKeys;

	private final Map<Long, Instant> lastTouched = new ConcurrentHashMap<>();

	ApiKeyService(ApiKeyRepository keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
		this.activeKeys = new ShortLivedCache<>(Duration.ofSeconds(2), this.clock);
	}

	/** Creates a key and returns the token; it cannot be shown again. */
	public String create(String name, String createdBy) {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw new InvalidInputException("name", "Give the key a name of at most 100 characters.");
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		store(name.strip(), token, createdBy);
		return token;
	}

	/**
	 * Registers a key chosen in configuration ({@code partnerhub.bootstrap.api-key})
	 * unless it is already known.
	 */
	public boolean registerIfAbsent(String name, String token) {
		if (this.keys.findByTokenHash(hash(token)).isPresent()) {
			return false;
		}
		store(name, token, "configuration");
		return true;
	}

	private void store(String name, String token, String createdBy) {
		this.keys.save(new ApiKey(name, token.substring(0, Math.min(10, token.length())), hash(token),
				this.clock.instant(), createdBy));
	}

	@Transactional(readOnly = true)
	public List<ApiKey> list() {
		return this.keys.findAllByOrderByCreatedAtDesc();
	}

	public void revoke(long id) {
		ApiKey key = this.keys.findById(id).orElseThrow(() -> new NotFoundException("No API key " + id));
		key.revoke(this.clock.instant());
		this.keys.save(key);
		this.activeKeys.clearOnCommit();
	}

	/**
	 * The active key with this token, if any; records that it was used. Known keys are
	 * remembered for two seconds and "last used" is written at most once a minute, so an
	 * API call does not cost two extra statements.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED) // a cached key needs no
															// connection at all
	public Optional<ActiveKey> authenticate(String token) {
		if (token == null || token.isBlank() || token.length() > 200) {
			return Optional.empty();
		}
		Optional<ActiveKey> key = this.activeKeys.get(hash(token.strip()),
				tokenHash -> this.keys.findByTokenHash(tokenHash)
					.filter(ApiKey::isActive)
					.map(k -> new ActiveKey(k.getId(), k.getName())));
		key.ifPresent(this::touch);
		return key;
	}

	private void touch(ActiveKey key) {
		Instant now = this.clock.instant();
		Instant last = this.lastTouched.get(key.id());
		if (last == null || last.isBefore(now.minus(Duration.ofMinutes(1)))) {
			this.lastTouched.put(key.id(), now);
			this.keys.touch(key.id(), now, now.minus(Duration.ofMinutes(1)));
		}
	}

	/** An API key that may be used: enough to name the caller. */
	public record ActiveKey(long id, String name) {
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
