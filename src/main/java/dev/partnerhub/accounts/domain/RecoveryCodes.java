package dev.partnerhub.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import dev.samstevens.totp.recovery.RecoveryCodeGenerator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An enrolled admin's {@value TwoFactorService#RECOVERY_CODES} single-use recovery codes
 * (80 random bits each), stored as SHA-256. Runs in the caller's transaction.
 */
@Component
class RecoveryCodes {

	private final JdbcClient jdbc;

	private final Clock clock;

	RecoveryCodes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A new set in place of the user's codes (the old ones stop working with this
	 * transaction); the plain codes, to be shown once.
	 */
	List<String> replace(long userId) {
		List<String> recovery = List.of(new RecoveryCodeGenerator().generateCodes(TwoFactorService.RECOVERY_CODES));
		this.jdbc.sql("delete from two_factor_recovery_code where user_id = :id").param("id", userId).update();
		for (String each : recovery) {
			this.jdbc.sql("insert into two_factor_recovery_code (user_id, code_hash) values (:id, :hash)")
				.param("id", userId)
				.param("hash", sha256(normalizedRecovery(each)))
				.update();
		}
		return recovery;
	}

	/**
	 * Uses an unused code of an enrolled user, atomically (one conditional update): two
	 * parallel uses, one succeeds.
	 */
	boolean use(long userId, String code) {
		return this.jdbc.sql("""
				update two_factor_recovery_code set used_at = :now
				where user_id = :id and code_hash = :hash and used_at is null
				  and exists (select 1 from two_factor t where t.user_id = :id and t.enabled_at is not null)""")
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.param("id", userId)
			.param("hash", sha256(normalizedRecovery(code)))
			.update() == 1;
	}

	/** Recovery codes are read without case, spaces or hyphens. */
	static String normalizedRecovery(String code) {
		return code.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
