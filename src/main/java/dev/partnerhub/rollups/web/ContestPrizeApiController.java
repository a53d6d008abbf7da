package dev.partnerhub.rollups.web;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.rollups.domain.ContestPrizes;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contest prizes: {@code PUT|GET /api/v1/contests/{id}/prizes} {@code {prizes: ["100.00",
 * "50.00"]}} (place 1 first, in the program's currency) with the awards once given.
 * Refused (409) once the prizes were awarded.
 */
@RestController
class ContestPrizeApiController {

	private final ContestPrizes prizes;

	ContestPrizeApiController(ContestPrizes prizes) {
		this.prizes = prizes;
	}

	record PrizesJson(List<String> prizes, List<AwardJson> awards) {
	}

	record AwardJson(int place, long partnerId, String value, String amount, @Nullable Long commissionId) {
	}

	record PrizesRequest(@Nullable List<String> prizes) {
	}

	@PutMapping("/api/v1/contests/{id}/prizes")
	PrizesJson put(@PathVariable long id, @RequestBody PrizesRequest body) {
		if (body.prizes() == null) {
			throw new InvalidInputException("prizes", "prizes is required: amounts by place, e.g. [\"100.00\"].");
		}
		this.prizes.setPrizes(id, body.prizes());
		return get(id);
	}

	@GetMapping("/api/v1/contests/{id}/prizes")
	PrizesJson get(@PathVariable long id) {
		return new PrizesJson(this.prizes.prizesOf(id).stream().map(BigDecimal::toPlainString).toList(),
				this.prizes.awardsOf(id)
					.stream()
					.map(a -> new AwardJson(a.place(), a.partnerId(), a.value().toPlainString(),
							a.amount().toPlainString(), a.commissionId()))
					.toList());
	}

}
