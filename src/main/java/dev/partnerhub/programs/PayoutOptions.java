package dev.partnerhub.programs;

import java.util.Set;

/**
 * Per-program payout settings: which payout methods ({@code paypal}, {@code bank},
 * {@code other}) the program offers its partners, and whether partners must enter tax
 * details before they are paid.
 */
public interface PayoutOptions {

	/** Every method a program may offer, in display order. */
	java.util.List<String> METHODS = java.util.List.of("paypal", "bank", "other");

	/** {@code paypal} only for an unknown program. */
	Set<String> payoutMethods(long programId);

	boolean requiresTaxDetails(long programId);

	/**
	 * Audited as the current actor when it changes. {@code methods} must name at least
	 * one of {@link #METHODS} (else InvalidInputException on field
	 * {@code payoutMethods}).
	 */
	void setPayoutOptions(long programId, Set<String> methods, boolean requireTaxDetails);

}
