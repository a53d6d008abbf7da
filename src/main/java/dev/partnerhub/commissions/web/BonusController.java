package dev.partnerhub.commissions.web;

import java.math.BigDecimal;
import java.net.URI;

import dev.partnerhub.commissions.Bonus;
import dev.partnerhub.commissions.BonusResult;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/partners/{code}/bonuses}: a one-off amount for a partner, as a
 * tier-1 commission of kind {@code bonus}. 201 when this call created it, 200 when the
 * bonus id was given before with the same partner, amount and currency (the same
 * commission), 409 when it was given for another bonus.
 */
@RestController
class BonusController {

	private final CommissionApi commissions;

	private final PartnerApi partners;

	BonusController(CommissionApi commissions, PartnerApi partners) {
		this.commissions = commissions;
		this.partners = partners;
	}

	@PostMapping("/api/v1/partners/{code}/bonuses")
	ResponseEntity<BonusJson> give(@PathVariable String code, @RequestBody NewBonus body) {
		PartnerSummary partner = this.partners.findByCode(code)
			.orElseThrow(() -> new NotFoundException("No partner with code " + code));
		if (body.bonusId() == null) {
			throw new dev.partnerhub.support.InvalidInputException("bonusId",
					"bonusId is required: the same id again is the same bonus, never a second one.");
		}
		BonusResult result = this.commissions
			.giveBonus(new Bonus(partner.id(), body.amount(), body.currency(), body.reason(), body.bonusId()));
		BonusJson json = BonusJson.of(result);
		return result.created()
				? ResponseEntity.created(URI.create("/api/v1/commissions?partner=" + partner.code())).body(json)
				: ResponseEntity.status(HttpStatus.OK).body(json);
	}

	record NewBonus(@Nullable BigDecimal amount, @Nullable String currency, @Nullable String reason,
			@Nullable String bonusId) {
	}

	record BonusJson(long id, String bonusId, String partnerCode, String kind, int tier, String amount, String currency,
			String status, String reason, @Nullable String exchangeRate) {

		static BonusJson of(BonusResult result) {
			var line = result.commission();
			return new BonusJson(line.id(), result.bonusId(), line.partnerCode(), "bonus", line.tier(),
					line.amount().setScale(2).toPlainString(), line.currency(), line.status().value(), result.reason(),
					line.exchangeRate() == null ? null : line.exchangeRate().stripTrailingZeros().toPlainString());
		}

	}

}
