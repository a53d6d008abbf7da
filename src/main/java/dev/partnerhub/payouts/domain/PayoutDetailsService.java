package dev.partnerhub.payouts.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.PayoutEmail;
import dev.partnerhub.payouts.PayoutDetailsApi;
import dev.partnerhub.programs.PayoutOptions;
import dev.partnerhub.support.AesGcm;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payout methods and tax details (tables {@code payout_method},
 * {@code payout_tax_details}). Bank numbers and tax ids are encrypted with
 * {@link PayoutCipher} ({@link AesGcm}) before they reach the database; masks are stored
 * beside them so pages never decrypt. Every change is audited (masked) and e-mailed to
 * the partner (template {@code payout-details-changed}), in the changing transaction.
 */
@Service
@Transactional
public class PayoutDetailsService implements PayoutDetailsApi {

	static final String TEMPLATE = "payout-details-changed";

	private final JdbcClient jdbc;

	private final AesGcm cipher;

	private final PartnerApi partners;

	private final PayoutOptions options;

	private final AuditLog audit;

	private final MailApi mail;

	private final Clock clock;

	PayoutDetailsService(JdbcClient jdbc, @Qualifier(PayoutCipher.BEAN) AesGcm cipher, PartnerApi partners,
			PayoutOptions options, AuditLog audit, MailApi mail, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.partners = partners;
		this.options = options;
		this.audit = audit;
		this.mail = mail;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public MethodView method(long partnerId) {
		PartnerSummary partner = partner(partnerId);
		List<String> offered = List.copyOf(this.options.payoutMethods(partner.programId()));
		return this.jdbc.sql("""
				select method, account_holder, iban_mask, bic_mask, local_details_enc is not null as local,
				       instructions, updated_at
				from payout_method where partner_id = :partner
				""")
			.param("partner", partnerId)
			.query((rs, n) -> new MethodView(rs.getString("method"), partner.payoutEmail(),
					rs.getString("account_holder"), rs.getString("iban_mask"), rs.getString("bic_mask"),
					rs.getBoolean("local"), rs.getString("instructions"), offered,
					rs.getTimestamp("updated_at").toInstant()))
			.optional()
			// no row: paid by PayPal to the payout e-mail, as before payout methods
			.orElseGet(() -> new MethodView("paypal", partner.payoutEmail(), null, null, null, false, null, offered,
					null));
	}

	@Override
	public MethodView changeMethod(long partnerId, MethodChange change) {
		PartnerSummary partner = partner(partnerId);
		String method = change.method() == null ? "" : change.method().strip();
		Set<String> offered = this.options.payoutMethods(partner.programId());
		if (!PayoutOptions.METHODS.contains(method)) {
			throw new InvalidInputException("method", "Choose PayPal, bank transfer or other.");
		}
		if (!offered.contains(method)) {
			throw new InvalidInputException("method", "Your program does not offer this payout method.");
		}
		MethodView before = method(partnerId);
		String holder = null;
		String iban = null;
		String bic = null;
		String local = null;
		String instructions = null;
		switch (method) {
			case "paypal" -> {
				String email = text("payoutEmail", change.payoutEmail(), 254);
				if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
						|| PayoutEmail.Check.refused(email)) {
					throw new InvalidInputException("payoutEmail", "Enter your PayPal e-mail address.");
				}
				if (!email.equals(partner.payoutEmail())) {
					this.partners.changePayoutEmail(partnerId, email);
				}
			}
			case "bank" -> {
				holder = text("accountHolder", change.accountHolder(), 140);
				if (holder == null) {
					throw new InvalidInputException("accountHolder", "Enter the account holder's name.");
				}
				String ibanInput = text("iban", change.iban(), 50);
				local = text("localDetails", change.localDetails(), 500);
				if (ibanInput != null) {
					iban = BankDetails.iban("iban", ibanInput);
					String bicInput = text("bic", change.bic(), 20);
					bic = bicInput == null ? null : BankDetails.bic("bic", bicInput);
					local = null;
				}
				else if (local == null) {
					throw new InvalidInputException("iban",
							"Enter your IBAN, or, in a country without IBANs, your account details.");
				}
			}
			default -> {
				instructions = text("instructions", change.instructions(), 1000);
				if (instructions == null) {
					throw new InvalidInputException("instructions", "Describe how you want to be paid.");
				}
			}
		}
		Instant now = this.clock.instant();
		String ibanMask = iban == null ? null : BankDetails.maskIban(iban);
		String bicMask = bic == null ? null : BankDetails.maskBic(bic);
		this.jdbc.sql("""
				insert into payout_method (partner_id, method, account_holder, iban_enc, iban_mask, bic_enc, bic_mask,
				                           local_details_enc, instructions, updated_at, updated_by)
				values (:partner, :method, :holder, :iban, :ibanMask, :bic, :bicMask, :local, :instructions, :at, :by)
				on conflict (partner_id) do update set method = excluded.method,
				    account_holder = excluded.account_holder, iban_enc = excluded.iban_enc,
				    iban_mask = excluded.iban_mask, bic_enc = excluded.bic_enc, bic_mask = excluded.bic_mask,
				    local_details_enc = excluded.local_details_enc, instructions = excluded.instructions,
				    updated_at = excluded.updated_at, updated_by = excluded.updated_by
				""")
			.param("partner", partnerId)
			.param("method", method)
			.param("holder", holder)
			.param("iban", iban == null ? null : this.cipher.encrypt(iban), java.sql.Types.BINARY)
			.param("ibanMask", ibanMask)
			.param("bic", bic == null ? null : this.cipher.encrypt(bic), java.sql.Types.BINARY)
			.param("bicMask", bicMask)
			.param("local", local == null ? null : this.cipher.encrypt(local), java.sql.Types.BINARY)
			.param("instructions", instructions)
			.param("at", Timestamp.from(now))
			.param("by", truncate(Actor.current(), 254))
			.update();
		MethodView after = method(partnerId);
		this.audit.record(AuditEntry.of(Actor.current(), "payout_method.update", "partner", partnerId,
				Json.method(before), Json.method(after)));
		notifyPartner(partner, "Your payout method was changed to " + describe(after) + ".");
		return after;
	}

	@Override
	@Transactional(readOnly = true)
	public TaxView taxDetails(long partnerId) {
		PartnerSummary partner = partner(partnerId);
		boolean required = this.options.requiresTaxDetails(partner.programId());
		return this.jdbc.sql("""
				select legal_name, country, tax_id_mask, entity_type, us_person, signed_name, signed_on
				from payout_tax_details where partner_id = :partner
				""")
			.param("partner", partnerId)
			.query((rs, n) -> new TaxView(true, required, rs.getString("legal_name"), rs.getString("country"),
					rs.getString("tax_id_mask"), rs.getString("entity_type"), rs.getBoolean("us_person"),
					rs.getString("signed_name"), rs.getObject("signed_on", LocalDate.class)))
			.optional()
			.orElseGet(() -> new TaxView(false, required, null, null, null, null, null, null, null));
	}

	@Override
	public TaxView saveTaxDetails(long partnerId, TaxInput input) {
		PartnerSummary partner = partner(partnerId);
		String legalName = text("legalName", input.legalName(), 200);
		if (legalName == null) {
			throw new InvalidInputException("legalName", "Enter your legal name (or your business's).");
		}
		String country = text("country", input.country(), 2);
		if (country == null || !Set.of(Locale.getISOCountries()).contains(country.toUpperCase(Locale.ROOT))) {
			throw new InvalidInputException("country", "Choose your country (two-letter ISO code, like DE or US).");
		}
		country = country.toUpperCase(Locale.ROOT);
		String taxId = text("taxId", input.taxId(), 40);
		if (taxId == null || !taxId.matches("[A-Za-z0-9 ./-]+")) {
			throw new InvalidInputException("taxId", "Enter your tax id (letters, digits, spaces, . / -).");
		}
		String entity = input.entityType() == null ? "" : input.entityType().strip();
		if (!Set.of("business", "individual").contains(entity)) {
			throw new InvalidInputException("entityType", "Choose business or individual.");
		}
		String signedName = text("signedName", input.signedName(), 200);
		if (!input.declared()) {
			throw new InvalidInputException("declared", "Tick the box to declare that the details are correct.");
		}
		if (signedName == null) {
			throw new InvalidInputException("signedName", "Sign by typing your full name.");
		}
		TaxView before = taxDetails(partnerId);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into payout_tax_details (partner_id, legal_name, country, tax_id_enc, tax_id_mask, entity_type,
				                                us_person, declared, signed_name, signed_on, updated_at)
				values (:partner, :legal, :country, :taxId, :mask, :entity, :us, true, :signed, :on, :at)
				on conflict (partner_id) do update set legal_name = excluded.legal_name, country = excluded.country,
				    tax_id_enc = excluded.tax_id_enc, tax_id_mask = excluded.tax_id_mask,
				    entity_type = excluded.entity_type, us_person = excluded.us_person, declared = true,
				    signed_name = excluded.signed_name, signed_on = excluded.signed_on, updated_at = excluded.updated_at
				""")
			.param("partner", partnerId)
			.param("legal", legalName)
			.param("country", country)
			.param("taxId", this.cipher.encrypt(taxId), java.sql.Types.BINARY)
			.param("mask", BankDetails.maskTaxId(taxId))
			.param("entity", entity)
			.param("us", input.usPerson())
			.param("signed", signedName)
			.param("on", LocalDate.ofInstant(now, ZoneOffset.UTC))
			.param("at", Timestamp.from(now))
			.update();
		TaxView after = taxDetails(partnerId);
		this.audit.record(AuditEntry.of(Actor.current(), "payout_tax_details.update", "partner", partnerId,
				before.onFile() ? Json.tax(before) : null, Json.tax(after)));
		notifyPartner(partner,
				"Your tax details were saved (" + after.legalName() + ", " + after.country() + ", tax id "
						+ after.taxIdMask() + ", signed by " + after.signedName() + " on " + after.signedOn() + ").");
		return after;
	}

	private void notifyPartner(PartnerSummary partner, String change) {
		this.jdbc.sql("select email from contact_directory where id = :id")
			.param("id", partner.contactId())
			.query(String.class)
			.optional()
			.ifPresent(email -> this.mail
				.queue(MailRequest.of(TEMPLATE, email).forPartner(partner.id()).with("change", change)));
	}

	static String describe(MethodView view) {
		return switch (view.method()) {
			case "paypal" -> "PayPal (" + view.payoutEmail() + ")";
			case "bank" -> "bank transfer to " + view.accountHolder()
					+ (view.ibanMask() != null ? ", IBAN " + view.ibanMask() : ", local account details");
			default -> "other (your instructions)";
		};
	}

	private PartnerSummary partner(long partnerId) {
		return this.partners.findById(partnerId)
			.orElseThrow(() -> new NotFoundException("No partner " + partnerId + "."));
	}

	/** Stripped, null when blank; longer than {@code max} → InvalidInputException. */
	private static String text(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > max) {
			throw new InvalidInputException(field, "At most " + max + " characters.");
		}
		if (stripped.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
			throw new InvalidInputException(field, "Control characters are not allowed.");
		}
		return stripped;
	}

	private static String truncate(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}

	/** Audit snapshots: masks only, never the numbers. */
	static final class Json {

		private Json() {
		}

		static String method(MethodView view) {
			return "{\"method\":%s,\"payoutEmail\":%s,\"accountHolder\":%s,\"iban\":%s,\"bic\":%s,\"localDetails\":%s,\"instructions\":%s}"
				.formatted(q(view.method()), q(view.payoutEmail()), q(view.accountHolder()), q(view.ibanMask()),
						q(view.bicMask()), view.localDetailsOnFile() ? "\"(on file)\"" : "null",
						q(view.instructions()));
		}

		static String tax(TaxView view) {
			return "{\"legalName\":%s,\"country\":%s,\"taxId\":%s,\"entityType\":%s,\"usPerson\":%s,\"signedName\":%s,\"signedOn\":%s}"
				.formatted(q(view.legalName()), q(view.country()), q(view.taxIdMask()), q(view.entityType()),
						view.usPerson(), q(view.signedName()), q(String.valueOf(view.signedOn())));
		}

		static String q(String value) {
			if (value == null) {
				return "null";
			}
			StringBuilder out = new StringBuilder("\"");
			for (char c : value.toCharArray()) {
				switch (c) {
					case '"' -> out.append("\\\"");
					case '\\' -> out.append("\\\\");
					default -> {
						if (c < 0x20) {
							out.append("\\u%04x".formatted((int) c));
						}
						else {
							out.append(c);
						}
					}
				}
			}
			return out.append('"').toString();
		}

	}

}
