package dev.partnerhub.programs;

/**
 * Per-program sign-up settings: whether partners who sign up through the public form are
 * approved at once.
 */
public interface SignupSettings {

	/** False (manual approval) for an unknown program. */
	boolean autoApprovesPartners(long programId);

	/** Audited as the current actor when it changes. */
	void setAutoApprovePartners(long programId, boolean autoApprove);

}
