package dev.partnerhub.programs.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.BindingResult;

/**
 * The console's program form turned into the domain's {@link ProgramDefinition}: the
 * rates' type selects and value boxes become {@link Rate}s, their errors field errors.
 * Apart from the form (a bean the binder fills) and the controller (the page flow).
 */
final class ProgramDefinitions {

	private ProgramDefinitions() {
	}

	/** The form as a definition, or null with the rate errors added to {@code result}. */
	static @Nullable ProgramDefinition of(ProgramForm form, BindingResult result) {
		Rate first = rate(result, "firstTierRate", form.getFirstTierRateType(), form.getFirstTierRateValue());
		Rate second = null;
		if (form.getSecondTierRateValue() != null) {
			second = rate(result, "secondTierRate", form.getSecondTierRateType(), form.getSecondTierRateValue());
		}
		else if (form.getTiers() == 2) {
			result.rejectValue("secondTierRateValue", "required", "A two-tier program needs a second-tier rate.");
		}
		List<ProgramDefinition.ProductRateDefinition> productRates = new ArrayList<>();
		for (int i = 0; i < form.getProductRates().size(); i++) {
			ProductRateRow row = form.getProductRates().get(i);
			String path = "productRates[" + i + "].";
			Rate rowFirst = row.getFirstTierRateValue() == null ? null
					: rate(result, path + "firstTierRate", row.getFirstTierRateType(), row.getFirstTierRateValue());
			Rate rowSecond = row.getSecondTierRateValue() == null ? null
					: rate(result, path + "secondTierRate", row.getSecondTierRateType(), row.getSecondTierRateValue());
			if (rowFirst != null || rowSecond != null) {
				productRates.add(new ProgramDefinition.ProductRateDefinition(row.getProductId(), rowFirst, rowSecond));
			}
		}
		if (result.hasErrors()) {
			return null;
		}
		return new ProgramDefinition(form.getName(), form.getLandingUrl(), form.getTiers(), form.getCurrency(), first,
				second, form.getCookieDays(), form.getApprovalDelayDays(), form.getMinimumPayout(),
				form.isRecurringCommissions(), form.isRecurringCommissions() ? form.getRecurringMonths() : null,
				form.getNextLevelProgramId(), productRates);
	}

	private static @Nullable Rate rate(BindingResult result, String prefix, @Nullable String type,
			@Nullable BigDecimal value) {
		try {
			return Rates.of(prefix + "Type", prefix + "Value", type, value);
		}
		catch (InvalidInputException ex) {
			result.rejectValue(ex.field(), "invalid", ex.getMessage());
			return null;
		}
	}

}
