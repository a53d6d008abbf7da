package dev.partnerhub.payouts.domain;

import java.nio.charset.StandardCharsets;

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

	@Test
	void theCipherRoundTripsUsesANewNonceEachTimeAndRefusesATamperedValue() {
		FieldCipher cipher = new FieldCipher(properties());
		byte[] one = cipher.encrypt("DE89370400440532013000");
		byte[] two = cipher.encrypt("DE89370400440532013000");
		assertThat(one).isNotEqualTo(two);
		assertThat(new String(one, StandardCharsets.ISO_8859_1)).doesNotContain("DE89");
		assertThat(cipher.decrypt(one)).isEqualTo("DE89370400440532013000");
		one[one.length - 1] ^= 1;
		assertThatThrownBy(() -> cipher.decrypt(one)).isInstanceOf(IllegalStateException.class);
		FieldCipher other = new FieldCipher(
				properties("partnerhub.payouts.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
		assertThatThrownBy(() -> other.decrypt(two)).as("another key cannot read it")
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new FieldCipher(properties("partnerhub.payouts.encryption-key", "c2hvcnQ=")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("16, 24 or 32 bytes");
	}

	@Test
	void theDevelopmentKeyWarnsOutsideTheDemoOnly() {
		assertThat(PayoutKeyCheck.warning(true, false))
			.hasValueSatisfying(w -> assertThat(w).contains("PAYOUT ENCRYPTION KEY NOT SET")
				.contains("partnerhub.payouts.encryption-key"));
		assertThat(PayoutKeyCheck.warning(true, true)).isEmpty();
		assertThat(PayoutKeyCheck.warning(false, false)).isEmpty();
		assertThat(new FieldCipher(properties()).usesDevelopmentKey()).isTrue();
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
