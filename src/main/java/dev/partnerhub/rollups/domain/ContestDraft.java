package dev.partnerhub.rollups.domain;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an admin or API client sends to create or change a contest. Either
 * {@code createRollup} (the contest makes and owns its rollup: {@code measure}
 * {@code amount} = sum of commission amounts, {@code count} = number of sales) or an
 * existing {@code rollupFieldId}.
 */
public record ContestDraft(String name, Long programId, List<String> skus, LocalDate startsOn,
		@Nullable LocalDate endsOn, boolean createRollup, @Nullable String measure, @Nullable Long rollupFieldId) {
}
