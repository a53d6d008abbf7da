package dev.partnerhub.payouts.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.support.AesGcm;
import dev.partnerhub.support.PartnerhubProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment files of a batch that need the partners' full bank details: the only place
 * they are decrypted. Which file an item goes into: PayPal items → PayPal CSV; bank items
 * in EUR with an IBAN → SEPA credit transfer; other bank items (another currency, or
 * local account details) → bank CSV; "other" items → manual list. Cancelled items are
 * left out.
 */
@Service
@Transactional(readOnly = true)
public class PayoutExports {

	private final JdbcClient jdbc;

	private final AesGcm cipher;

	private final PartnerhubProperties.Payouts.Sepa sepa;

	private final Clock clock;

	PayoutExports(JdbcClient jdbc, @Qualifier(PayoutCipher.BEAN) AesGcm cipher, PartnerhubProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.sepa = properties.payouts().sepa();
		this.clock = clock;
	}

	/** The part of a batch one file pays. */
	public enum Part {

		SEPA("i.method = 'bank' and i.currency = 'EUR' and i.iban_enc is not null"),
		BANK("i.method = 'bank' and not (i.currency = 'EUR' and i.iban_enc is not null)"), MANUAL("i.method = 'other'");

		final String condition;

		Part(String condition) {
			this.condition = condition;
		}

	}

	/** An item with its details in clear (for a payment file only). */
	public record ExportItem(long id, long batchId, String partnerCode, String name, String email,
			@Nullable String accountHolder, @Nullable String iban, @Nullable String bic, @Nullable String localDetails,
			@Nullable String instructions, BigDecimal amount, String currency, String status) {
	}

	public List<ExportItem> items(long batchId, Part part) {
		List<ExportItem> items = new ArrayList<>();
		this.jdbc.sql("""
				select i.id, i.batch_id, p.code, ct.first_name, ct.last_name, ct.email, i.account_holder, i.iban_enc,
				       i.bic_enc, i.local_details_enc, i.instructions, i.amount, i.currency, i.status
				from payout_item i
				join partner_directory p on p.id = i.partner_id
				join contact_directory ct on ct.id = p.contact_id
				where i.batch_id = :batch and i.status <> 'cancelled' and
				""" + part.condition + " order by i.id")
			.param("batch", batchId)
			.query((rs, n) -> new ExportItem(rs.getLong("id"), rs.getLong("batch_id"), rs.getString("code"),
					(rs.getString("first_name") + " " + rs.getString("last_name")).strip(), rs.getString("email"),
					rs.getString("account_holder"), this.cipher.decryptOptional(rs.getBytes("iban_enc")),
					this.cipher.decryptOptional(rs.getBytes("bic_enc")),
					this.cipher.decryptOptional(rs.getBytes("local_details_enc")), rs.getString("instructions"),
					rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("status")))
			.list()
			.forEach(items::add);
		return items;
	}

	/** How many live items each part has (to show the downloads that have content). */
	public java.util.Map<Part, Integer> counts(long batchId) {
		java.util.Map<Part, Integer> counts = new java.util.EnumMap<>(Part.class);
		for (Part part : Part.values()) {
			counts.put(part, this.jdbc
				.sql("select count(*) from payout_item i where i.batch_id = :batch and i.status <> 'cancelled' and "
						+ part.condition)
				.param("batch", batchId)
				.query(Integer.class)
				.single());
		}
		return counts;
	}

	/**
	 * The SEPA file of a batch's EUR IBAN items. Without debtor settings an
	 * {@link SepaCreditTransfer.NotConfigured} says what to set.
	 */
	public byte[] sepa(long batchId) {
		SepaCreditTransfer.Debtor debtor = SepaCreditTransfer.debtor(this.sepa);
		return SepaCreditTransfer.write(debtor, batchId, this.clock, items(batchId, Part.SEPA));
	}

}
