package dev.partnerhub.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.accounts.Role;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.AesGcm;
import dev.partnerhub.support.PartnerhubProperties;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in of admin users with TOTP (RFC 6238, 6 digits, 30 s, SHA-1: what
 * every authenticator app reads from the QR code), using {@code dev.samstevens.totp}. The
 * secret is stored AES-GCM encrypted; a code is accepted for the previous, current or
 * next time step, and only for a step later than the last accepted one (one conditional
 * update), so a code cannot be replayed. Ten recovery codes per enrolment, stored as
 * SHA-256, each used once (one conditional update). Rate limits are the caller's
 * ({@code security.TwoFactorThrottle}): count before calling {@link #verify}.
 */
@Service
@Transactional
public class TwoFactorService {

	/** Only for development and the demo: it is public (in the source). */
	public static final String DEVELOPMENT_KEY = "cGFydG5lcmh1Yi10d28tZmFjdG9yLWRldi1rZXktMzI=";

	static final int PERIOD_SECONDS = 30;

	public static final int RECOVERY_CODES = 10;

	/** What a code was. */
	public enum Check {

		/** a current TOTP code, now used */
		CODE,
		/** an unused recovery code, now used */
		RECOVERY_CODE,
		/** wrong, already used, or no two-factor sign-in */
		WRONG

	}

	/** An admin's state: enrolled or not, and the secret of an unconfirmed enrolment. */
	public record Status(long userId, String email, Role role, boolean enabled, @Nullable Instant enabledAt,
			int recoveryCodesLeft) {
	}

	/**
	 * What the enrolment page shows: the QR code (a data: URI) and the secret as text.
	 */
	public record Enrolment(String qrDataUri, String secret, String otpauthUri) {
	}

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TwoFactorService.class);

	private final JdbcClient jdbc;

	private final AesGcm cipher;

	private final Clock clock;

	private final AuditLog audit;

	private final PasswordEncoder passwords;

	private final TotpCodes totp;

	private final RecoveryCodes recoveryCodes;

	private final SecureRandom random = new SecureRandom();

	TwoFactorService(JdbcClient jdbc, @Qualifier(TwoFactorCipher.BEAN) AesGcm cipher, TotpCodes totp,
			RecoveryCodes recoveryCodes, Clock clock, AuditLog audit, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
		this.audit = audit;
		this.passwords = passwords;
		this.totp = totp;
		this.recoveryCodes = recoveryCodes;
	}

	@Transactional(readOnly = true)
	public Optional<Status> status(String login) {
		return this.jdbc
			.sql("""
					select u.id, u.email, u.role, t.enabled_at,
					       (select count(*) from two_factor_recovery_code r where r.user_id = u.id and r.used_at is null) as left_
					from user_account u left join two_factor t on t.user_id = u.id
					where lower(u.email) = lower(:login)""")
			.param("login", login)
			.query((rs, n) -> {
				Instant enabledAt = rs.getTimestamp("enabled_at") == null ? null
						: rs.getTimestamp("enabled_at").toInstant();
				return new Status(rs.getLong("id"), rs.getString("email"), Role.valueOf(rs.getString("role")),
						enabledAt != null, enabledAt, rs.getInt("left_"));
			})
			.optional();
	}

	/**
	 * Starts (or restarts) an enrolment: a new secret, not active until {@link #confirm}.
	 * Refused while two-factor sign-in is on (turn it off first).
	 */
	public Enrolment start(long userId, String email) {
		String secret = new DefaultSecretGenerator().generate();
		int changed = this.jdbc.sql("""
				insert into two_factor (user_id, secret, remember_key, created_at) values (:id, :secret, :key, :now)
				on conflict (user_id) do update set secret = excluded.secret, remember_key = excluded.remember_key,
				    created_at = excluded.created_at, last_used_step = 0
				where two_factor.enabled_at is null""")
			.param("id", userId)
			.param("secret", this.cipher.encrypt(secret))
			.param("key", randomBytes(32))
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.update();
		if (changed == 0) {
			throw new IllegalStateException("Two-factor sign-in is already on");
		}
		return this.totp.enrolment(email, secret);
	}

	/** The unconfirmed enrolment's QR code and secret, if one was started. */
	@Transactional(readOnly = true)
	public Optional<Enrolment> pending(long userId, String email) {
		return this.jdbc.sql("select secret from two_factor where user_id = :id and enabled_at is null")
			.param("id", userId)
			.query(byte[].class)
			.optional()
			.map(this::readable)
			.map(secret -> this.totp.enrolment(email, secret));
	}

	/**
	 * Confirms an enrolment with a current code from the app: two-factor sign-in is on
	 * and the ten recovery codes are returned (shown once). Empty: wrong code, or no
	 * enrolment started (or a parallel request confirmed it first).
	 */
	public Optional<List<String>> confirm(long userId, String code) {
		byte[] stored = this.jdbc.sql("select secret from two_factor where user_id = :id and enabled_at is null")
			.param("id", userId)
			.query(byte[].class)
			.optional()
			.orElse(null);
		if (stored == null) {
			return Optional.empty();
		}
		String secret = readable(stored);
		Long step = secret == null ? null : this.totp.matchingStep(secret, code);
		if (step == null) {
			return Optional.empty();
		}
		int changed = this.jdbc.sql("""
				update two_factor set enabled_at = :now, last_used_step = :step
				where user_id = :id and enabled_at is null and secret = :secret""")
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.param("step", step)
			.param("id", userId)
			.param("secret", stored)
			.update();
		if (changed == 0) {
			return Optional.empty();
		}
		List<String> recovery = this.recoveryCodes.replace(userId);
		this.audit.record(AuditEntry.of(email(userId), "account.two_factor.enable", "user", userId, null, null));
		return Optional.of(recovery);
	}

	/**
	 * Checks a second factor of an enrolled user: a TOTP code (6 digits) or a recovery
	 * code. Either is used up by this call, atomically: the same code twice (or in
	 * parallel) is accepted once.
	 */
	public Check verify(long userId, @Nullable String input) {
		String code = input == null ? "" : input.strip().replace(" ", "");
		if (code.isEmpty() || code.length() > 64) {
			return Check.WRONG;
		}
		if (code.matches("\\d{6}")) {
			byte[] stored = this.jdbc
				.sql("select secret from two_factor where user_id = :id and enabled_at is not null")
				.param("id", userId)
				.query(byte[].class)
				.optional()
				.orElse(null);
			String secret = stored == null ? null : readable(stored);
			Long step = secret == null ? null : this.totp.matchingStep(secret, code);
			if (step == null) {
				return Check.WRONG;
			}
			// accepted only for a later step than any code before: no replay
			int used = this.jdbc.sql("""
					update two_factor set last_used_step = :step
					where user_id = :id and enabled_at is not null and last_used_step < :step""")
				.param("step", step)
				.param("id", userId)
				.update();
			return used == 1 ? Check.CODE : Check.WRONG;
		}
		if (this.recoveryCodes.use(userId, code)) {
			this.audit
				.record(AuditEntry.of(email(userId), "account.two_factor.recovery_code", "user", userId, null, null));
			return Check.RECOVERY_CODE;
		}
		return Check.WRONG;
	}

	/**
	 * A new set of recovery codes for an enrolled user who enters a current code from the
	 * app (a recovery code does not do: who lost the app signs in with one and enrols
	 * again). The old set stops working in the same transaction; the new codes are
	 * returned to be shown once. Empty: wrong or used code, or not enrolled. The code is
	 * used up like a sign-in code (no replay), which also orders parallel requests on the
	 * user's row.
	 */
	public Optional<List<String>> regenerateRecoveryCodes(long userId, @Nullable String input) {
		String code = input == null ? "" : input.strip().replace(" ", "");
		if (!code.matches("\\d{6}") || verify(userId, code) != Check.CODE) {
			return Optional.empty();
		}
		List<String> recovery = this.recoveryCodes.replace(userId);
		this.audit
			.record(AuditEntry.of(email(userId), "account.two_factor.recovery_codes", "user", userId, null, null));
		return Optional.of(recovery);
	}

	/** Whether {@code password} is the user's current password. */
	@Transactional(readOnly = true)
	public boolean passwordMatches(long userId, @Nullable String password) {
		String hash = this.jdbc.sql("select password_hash from user_account where id = :id")
			.param("id", userId)
			.query(String.class)
			.optional()
			.orElse(null);
		return hash != null && password != null && this.passwords.matches(password, hash);
	}

	/**
	 * Turns two-factor sign-in off (the caller checked password and code): the secret,
	 * the recovery codes and every "remember this device" cookie are gone.
	 */
	public boolean disable(long userId) {
		this.jdbc.sql("delete from two_factor_recovery_code where user_id = :id").param("id", userId).update();
		int deleted = this.jdbc.sql("delete from two_factor where user_id = :id").param("id", userId).update();
		if (deleted == 1) {
			this.audit.record(AuditEntry.of(email(userId), "account.two_factor.disable", "user", userId, null, null));
		}
		return deleted == 1;
	}

	/**
	 * The key that signs this user's "remember this device" cookies, while two-factor
	 * sign-in is on.
	 */
	@Transactional(readOnly = true)
	public Optional<byte[]> rememberKey(long userId) {
		return this.jdbc.sql("select remember_key from two_factor where user_id = :id and enabled_at is not null")
			.param("id", userId)
			.query(byte[].class)
			.optional();
	}

	/**
	 * A new password revokes every "remember this device" cookie of the login (in the
	 * transaction that changed it).
	 */
	@EventListener
	void passwordChanged(PasswordChanged event) {
		this.jdbc.sql("""
				update two_factor set remember_key = :key
				where user_id = (select id from user_account where lower(email) = lower(:email))""")
			.param("key", randomBytes(32))
			.param("email", event.email())
			.update();
	}

	/**
	 * The stored secret, or null when it cannot be decrypted (the key was changed): then
	 * no TOTP code is right (a recovery code still is) instead of a 500.
	 */
	private @Nullable String readable(byte[] stored) {
		try {
			return this.cipher.decrypt(stored);
		}
		catch (IllegalStateException ex) {
			log.warn("A stored TOTP secret cannot be decrypted ({}): its admin must sign in with a recovery code "
					+ "and enrol again", ex.getMessage());
			return null;
		}
	}

	private String email(long userId) {
		return this.jdbc.sql("select email from user_account where id = :id")
			.param("id", userId)
			.query(String.class)
			.optional()
			.orElse("system");
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

}
