package dev.partnerhub.accounts.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

import dev.partnerhub.support.PartnerhubProperties;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.util.Utils;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * TOTP arithmetic (RFC 6238, 6 digits, {@value TwoFactorService#PERIOD_SECONDS} s, SHA-1)
 * with {@code dev.samstevens.totp}: which time step a code belongs to, and the QR code an
 * authenticator app reads.
 */
@Component
class TotpCodes {

	private final Clock clock;

	private final String issuer;

	private final DefaultCodeGenerator codes = new DefaultCodeGenerator();

	TotpCodes(Clock clock, PartnerhubProperties properties) {
		this.clock = clock;
		this.issuer = properties.twoFactor().issuer();
	}

	/** The time step a code belongs to (previous, current or next), or null. */
	@Nullable Long matchingStep(String secret, @Nullable String code) {
		if (code == null || !code.strip().matches("\\d{6}")) {
			return null;
		}
		byte[] given = code.strip().getBytes(StandardCharsets.US_ASCII);
		long now = Math.floorDiv(this.clock.instant().getEpochSecond(), TwoFactorService.PERIOD_SECONDS);
		Long found = null;
		for (long step = now - 1; step <= now + 1; step++) {
			// every step is compared (constant time), whichever matched
			if (MessageDigest.isEqual(generate(secret, step).getBytes(StandardCharsets.US_ASCII), given)
					&& found == null) {
				found = step;
			}
		}
		return found;
	}

	private String generate(String secret, long step) {
		try {
			return this.codes.generate(secret, step);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException("Could not compute a TOTP code", ex);
		}
	}

	TwoFactorService.Enrolment enrolment(String email, String secret) {
		QrData data = new QrData.Builder().label(email)
			.secret(secret)
			.issuer(this.issuer)
			.digits(6)
			.period(TwoFactorService.PERIOD_SECONDS)
			.build();
		ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
		generator.setImageSize(240);
		try {
			return new TwoFactorService.Enrolment(
					Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType()), secret,
					data.getUri());
		}
		catch (QrGenerationException ex) {
			throw new IllegalStateException("Could not draw the QR code", ex);
		}
	}

}
