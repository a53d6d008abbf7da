package dev.partnerhub.programs.domain;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.programs.PayoutOptions;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Columns {@code program.payout_methods} and {@code program.require_tax_details} (V34_1),
 * kept apart from the program definition form's record like the sign-up settings.
 */
@Service
@Transactional
class ProgramPayoutOptions implements PayoutOptions {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	ProgramPayoutOptions(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<String> payoutMethods(long programId) {
		return this.jdbc.sql("select array_to_string(payout_methods, ',') from program where id = :id")
			.param("id", programId)
			.query(String.class)
			.optional()
			.map(ProgramPayoutOptions::ordered)
			.orElse(Set.of("paypal"));
	}

	@Override
	@Transactional(readOnly = true)
	public boolean requiresTaxDetails(long programId) {
		return this.jdbc.sql("select require_tax_details from program where id = :id")
			.param("id", programId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@Override
	public void setPayoutOptions(long programId, Set<String> methods, boolean requireTaxDetails) {
		if (methods == null || methods.isEmpty() || !METHODS.containsAll(methods)) {
			throw new InvalidInputException("payoutMethods",
					"Offer at least one payout method (PayPal, bank transfer or other).");
		}
		String before = describe(payoutMethods(programId), requiresTaxDetails(programId));
		String value = String.join(",", ordered(String.join(",", methods)));
		int changed = this.jdbc.sql("""
				update program set payout_methods = string_to_array(:methods, ','), require_tax_details = :tax
				where id = :id
				  and (array_to_string(payout_methods, ',') <> :methods or require_tax_details <> :tax)
				""").param("methods", value).param("tax", requireTaxDetails).param("id", programId).update();
		if (changed > 0) {
			this.audit.record(AuditEntry.of(Actor.current(), "program.update", "program", programId, before,
					describe(ordered(value), requireTaxDetails)));
		}
	}

	private static String describe(Set<String> methods, boolean tax) {
		return "payoutMethods=" + String.join(",", methods) + ";requireTaxDetails=" + tax;
	}

	/** In {@link #METHODS} order, so the stored array compares equal for equal sets. */
	private static Set<String> ordered(String csv) {
		Set<String> given = Set.of(csv.split(","));
		Set<String> result = new LinkedHashSet<>();
		METHODS.stream().filter(given::contains).forEach(result::add);
		return result;
	}

}
