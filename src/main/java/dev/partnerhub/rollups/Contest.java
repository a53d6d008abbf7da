package dev.partnerhub.rollups;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A named contest of one program: its partners ranked by a rollup field (usually one the
 * contest created: commissions of the contest's products processed from {@code startsOn}
 * through {@code endsOn}). {@code endsOn} null = open-ended; {@code rollupFieldId} null
 * when the rollup it ranked by was deleted.
 */
public record Contest(long id, String name, long programId, String programName, List<String> skus, LocalDate startsOn,
		@Nullable LocalDate endsOn, @Nullable Long rollupFieldId, @Nullable String rollupName, boolean ownsRollup,
		long version) {

	public Contest {
		skus = List.copyOf(skus);
	}

	/**
	 * {@code upcoming} before the start day, {@code ended} after the end day, otherwise
	 * {@code running} (UTC days).
	 */
	public String status(LocalDate today) {
		if (today.isBefore(this.startsOn)) {
			return "upcoming";
		}
		if (this.endsOn != null && today.isAfter(this.endsOn)) {
			return "ended";
		}
		return "running";
	}

}
