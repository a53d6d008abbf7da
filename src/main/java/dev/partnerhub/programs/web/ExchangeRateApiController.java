package dev.partnerhub.programs.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import dev.partnerhub.programs.domain.ExchangeRateService;
import dev.partnerhub.programs.domain.ExchangeRateService.Saved;
import dev.partnerhub.programs.domain.ExchangeRateService.Stored;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/exchange-rates}: store a rate ({@code {base, quote, rate, day?}}; 201,
 * an identical replay 200, the same pair and day with another rate 409) and list them,
 * newest day first, paged like every list.
 */
@RestController
@RequestMapping("/api/v1/exchange-rates")
class ExchangeRateApiController {

	private final ExchangeRateService rates;

	ExchangeRateApiController(ExchangeRateService rates) {
		this.rates = rates;
	}

	/**
	 * {@code rate} as a string ("1.0825") or a number with a plain literal; {@code day}
	 * ISO (default today, UTC).
	 */
	record RateRequest(@Nullable String base, @Nullable String quote, @Nullable String rate, @Nullable String day) {
	}

	record RateJson(String base, String quote, LocalDate day, String rate, String createdBy, Instant createdAt) {

		static RateJson of(Stored stored) {
			return new RateJson(stored.rate().base(), stored.rate().quote(), stored.rate().day(),
					plain(stored.rate().rate()), stored.createdBy(), stored.createdAt());
		}

	}

	@PostMapping
	ResponseEntity<RateJson> create(@RequestBody RateRequest body) {
		Saved saved = this.rates.store(new ExchangeRateService.NewRate(body.base(), body.quote(),
				MoneyInput.parseDecimal("rate", body.rate(), 8), day(body.day())));
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(RateJson.of(saved.stored()));
	}

	@GetMapping
	PageJson<RateJson> list(@RequestParam(required = false) @Nullable String base,
			@RequestParam(required = false) @Nullable String quote, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return PageJson.of(this.rates.list(filter("base", base), filter("quote", quote),
				PageJson.request(page, size, Sort.unsorted())), RateJson::of);
	}

	private static @Nullable String filter(String field, @Nullable String code) {
		return code == null || code.isEmpty() ? null : Currencies.require(field, code);
	}

	static @Nullable LocalDate day(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text);
			}
		}
		catch (DateTimeParseException ex) {
			// below
		}
		throw new InvalidInputException("day", "'day' must be a date such as 2026-03-01.");
	}

	/** 1.08 rather than 1.08000000. */
	static String plain(java.math.BigDecimal rate) {
		java.math.BigDecimal stripped = rate.stripTrailingZeros();
		return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
	}

}
