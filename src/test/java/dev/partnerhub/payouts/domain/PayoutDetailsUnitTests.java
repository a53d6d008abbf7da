package dev.partnerhub.payouts.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.partnerhub.support.AesGcm;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.PartnerhubProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Masks, IBAN/BIC checks, the cipher and the SEPA settings, without Spring. */
class PayoutDetailsUnitTests {

	static PartnerhubProperties properties(String... pairs) {
		java.util.Map<String, String> map = new java.util.HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("partnerhub",
				Bindable.of(PartnerhubProperties.class));
	}

	@Test
	void masksShowOnlyTheEnds() {
		assertThat(BankDetails.maskIban("DE89370400440532013000")).isEqualTo("DE89 **** **** **** **30 00");
		assertThat(BankDetails.maskBic("COBADEFFXXX")).isEqualTo("COBADE*****");
		assertThat(BankDetails.maskTaxId("123-45-6789")).isEqualTo("*******6789");
		assertThat(BankDetails.maskTaxId("123")).isEqualTo("**3");
	}

	@Test
	void ibansAndBicsAreCheckedWithTheirCheckDigits() {
		assertThat(BankDetails.iban("iban", " gb29 nwbk 6016 1331 9268 19 ")).isEqualTo("GB29NWBK60161331926819");
		assertThatThrownBy(() -> BankDetails.iban("iban", "GB29NWBK60161331926818"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("not a valid IBAN");
		assertThatThrownBy(() -> BankDetails.iban("iban", "X".repeat(60))).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> BankDetails.bic("bic", "COBA")).isInstanceOf(InvalidInputException.class);
		assertThat(BankDetails.bic("bic", "cobadeff")).isEqualTo("COBADEFF");
	}

	/**
	 * Captured from the payouts' own {@code FieldCipher} before it was replaced by
	 * {@code support.AesGcm} (same plain texts as below): rows stored by it must still
	 * decrypt.
	 */
	static final String OLD_DEVELOPMENT_KEY_IBAN = "ARleCYu7/3rhVKavGJ2xpLoJQULLVJjL9XM4ZRevSSQmgqWyzm9oEZEB8fMelfqsKC5q";

	static final String OLD_DEVELOPMENT_KEY_TAX_ID = "AYVuKvQcaZUV2NJTamwVHqL1HSE+kd15jhuk1PWDbDJDhXpLD3DdAg==";

	static final String OWN_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	static final String OLD_OWN_KEY_IBAN = "Ad2n0kCgpslelIjY0vKR4PRcOt1n6+mSxD0xdBh4zm3NXQC76/VV7McP8dRLQn1NDrSU";

	@Test
	void valuesStoredByTheOldFieldCipherStillDecrypt() {
		AesGcm development = PayoutCipher.payoutDetailsCipher(properties());
		assertThat(development.decrypt(Base64.getDecoder().decode(OLD_DEVELOPMENT_KEY_IBAN)))
			.isEqualTo("DE89370400440532013000");
		assertThat(development.decrypt(Base64.getDecoder().decode(OLD_DEVELOPMENT_KEY_TAX_ID)))
			.isEqualTo("123-45-6789");
		assertThat(development.decryptOptional(null)).as("an empty column stays empty").isNull();
		AesGcm own = PayoutCipher.payoutDetailsCipher(properties("partnerhub.payouts.encryption-key", OWN_KEY));
		assertThat(own.decrypt(Base64.getDecoder().decode(OLD_OWN_KEY_IBAN))).isEqualTo("GB29NWBK60161331926819");
		assertThatThrownBy(() -> own.decrypt(Base64.getDecoder().decode(OLD_DEVELOPMENT_KEY_IBAN)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("partnerhub.payouts.encryption-key");
	}

	@Test
	void theCipherRoundTripsUsesANewNonceEachTimeAndRefusesATamperedValue() {
		AesGcm cipher = PayoutCipher.payoutDetailsCipher(properties());
		byte[] one = cipher.encrypt("DE89370400440532013000");
		byte[] two = cipher.encrypt("DE89370400440532013000");
		assertThat(one).isNotEqualTo(two);
		assertThat(new String(one, StandardCharsets.ISO_8859_1)).doesNotContain("DE89");
		assertThat(cipher.decrypt(one)).isEqualTo("DE89370400440532013000");
		one[one.length - 1] ^= 1;
		assertThatThrownBy(() -> cipher.decrypt(one)).isInstanceOf(IllegalStateException.class);
		AesGcm other = PayoutCipher.payoutDetailsCipher(properties("partnerhub.payouts.encryption-key", OWN_KEY));
		assertThatThrownBy(() -> other.decrypt(two)).as("another key cannot read it")
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(
				() -> PayoutCipher.payoutDetailsCipher(properties("partnerhub.payouts.encryption-key", "c2hvcnQ=")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("16, 24 or 32 bytes");
	}

	@Test
	void withoutAKeyTheDevelopmentKeyIsUsed() {
		assertThat(PayoutCipher.payoutDetailsCipher(properties()).usesDevelopmentKey()).isTrue();
		assertThat(PayoutCipher.payoutDetailsCipher(properties("partnerhub.payouts.encryption-key", OWN_KEY))
			.usesDevelopmentKey()).isFalse();
	}

	@Test
	void withoutDebtorSettingsTheSepaFileSaysWhatToConfigure() {
		assertThatThrownBy(() -> SepaCreditTransfer.debtor(properties().payouts().sepa()))
			.isInstanceOf(SepaCreditTransfer.NotConfigured.class)
			.hasMessageContaining("partnerhub.payouts.sepa.debtor-name")
			.hasMessageContaining("partnerhub.payouts.sepa.debtor-iban");
		assertThatThrownBy(() -> SepaCreditTransfer.debtor(properties("partnerhub.payouts.sepa.debtor-name", "Us",
				"partnerhub.payouts.sepa.debtor-iban", "DE00123")
			.payouts()
			.sepa())).isInstanceOf(SepaCreditTransfer.NotConfigured.class)
			.hasMessageContaining("debtor-iban is not valid");
	}

}
