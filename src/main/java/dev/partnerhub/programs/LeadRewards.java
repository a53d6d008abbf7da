package dev.partnerhub.programs;

import java.math.BigDecimal;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Per-program lead rewards: a fixed amount in the program's currency for each qualified
 * lead (a new contact who confirms an opt-in with a partner's referral). Off by default.
 */
public interface LeadRewards {

	/** Empty when the program pays no lead rewards (or is unknown). */
	Optional<BigDecimal> leadReward(long programId);

	/**
	 * {@code null} or zero turns it off; otherwise a positive amount with at most two
	 * decimals (else InvalidInputException on field {@code leadReward}). Audited as the
	 * current actor when it changes.
	 */
	void setLeadReward(long programId, @Nullable BigDecimal amount);

}
