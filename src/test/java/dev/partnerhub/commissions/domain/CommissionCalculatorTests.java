package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.partnerhub.commissions.Attribution;
import dev.partnerhub.commissions.Sale;
import dev.partnerhub.commissions.domain.CommissionCalculator.Buyer;
import dev.partnerhub.commissions.domain.CommissionCalculator.Draft;
import dev.partnerhub.commissions.domain.CommissionCalculator.Earner;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.ExchangeRate;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.support.UnprocessableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommissionCalculatorTests {

	static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

	static final Buyer BUYER = new Buyer(100, "buyer@example.com");

	@Test
	void percentRoundsHalfUpPerLine() {
		// 12.5 % of 0.20 = 0.025 → 0.03 (HALF_UP), not 0.02 (HALF_EVEN)
		ProgramSummary program = program(1, Rate.percent("12.5"), Rate.percent("0"), Map.of());
		assertThat(CommissionCalculator.amountFor(program, line(1, 1, "0.20"), 1)).isEqualByComparingTo("0.03");
		// 33.333 % of 10.00 = 3.3333 → 3.33
		ProgramSummary third = program(1, Rate.percent("33.333"), Rate.percent("0"), Map.of());
		assertThat(CommissionCalculator.amountFor(third, line(1, 1, "10.00"), 1)).isEqualByComparingTo("3.33");
	}

	@Test
	void flatIsPerUnit() {
		ProgramSummary program = program(1, Rate.flat("2.50"), Rate.percent("0"), Map.of());
		assertThat(CommissionCalculator.amountFor(program, line(1, 3, "99.00"), 1)).isEqualByComparingTo("7.50");
	}

	@Test
	void productOverrideWinsOverDefaultPerTier() {
		ProgramSummary program = program(2, Rate.percent("20"), Rate.percent("5"),
				Map.of(7L, new ProgramSummary.ProductRate(7, Rate.flat("4"), null)));
		assertThat(CommissionCalculator.amountFor(program, line(7, 2, "100.00"), 1)).isEqualByComparingTo("8.00");
		// no tier-2 override → program default 5 %
		assertThat(CommissionCalculator.amountFor(program, line(7, 2, "100.00"), 2)).isEqualByComparingTo("5.00");
		// another product → default 20 %
		assertThat(CommissionCalculator.amountFor(program, line(8, 2, "100.00"), 1)).isEqualByComparingTo("20.00");
	}

	@Test
	void tierTwoOnlyWhenTheParentsProgramIsTwoTier() {
		Earner child = earner(1, 10, null, program(1, Rate.percent("20"), Rate.percent("5"), Map.of()));
		Earner parentTwoTier = earner(2, 20, null, program(2, Rate.percent("30"), Rate.percent("10"), Map.of()));
		Earner parentOneTier = earner(2, 20, null, program(1, Rate.percent("30"), Rate.percent("10"), Map.of()));
		Sale sale = sale(null, T0, line(1, 1, "50.00"));

		List<Draft> two = CommissionCalculator.drafts(sale, Credit.LAST, BUYER, child, parentTwoTier);
		assertThat(two).extracting(Draft::tier, d -> d.amount().toPlainString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "10.00"),
					org.assertj.core.groups.Tuple.tuple(2, "5.00"));
		assertThat(two.get(0).reason()).isEqualTo("tier 1: last referrer p1");
		assertThat(two.get(1).reason()).isEqualTo("tier 2: parent of p1");

		assertThat(CommissionCalculator.drafts(sale, Credit.LAST, BUYER, child, parentOneTier)).extracting(Draft::tier)
			.containsExactly(1);
	}

	@Test
	void nobodyEarnsWhenNotApprovedOrBuyingHimself() {
		ProgramSummary program = program(2, Rate.percent("20"), Rate.percent("5"), Map.of());
		Sale sale = sale(null, T0, line(1, 1, "50.00"));
		Earner pending = new Earner(new PartnerSummary(1, 10, 1, "p1", PartnerStatus.PENDING, null, null, T0),
				"p1@example.com", program);
		assertThat(CommissionCalculator.drafts(sale, Credit.LAST, BUYER, pending, null)).isEmpty();
		Earner sameContact = earner(1, BUYER.contactId(), null, program);
		assertThat(CommissionCalculator.drafts(sale, Credit.LAST, BUYER, sameContact, null)).isEmpty();
		Earner sameEmail = new Earner(new PartnerSummary(1, 10, 1, "p1", PartnerStatus.APPROVED, null, null, T0),
				"BUYER@example.com", program);
		assertThat(CommissionCalculator.drafts(sale, Credit.LAST, BUYER, sameEmail, null)).isEmpty();
		// a suspended parent loses tier 2, the child keeps tier 1
		Earner child = earner(1, 10, 2L, program);
		Earner suspendedParent = new Earner(new PartnerSummary(2, 20, 1, "p2", PartnerStatus.SUSPENDED, null, null, T0),
				"p2@example.com", program);
		assertThat(CommissionCalculator.drafts(sale, Credit.FIRST, BUYER, child, suspendedParent))
			.extracting(Draft::tier)
			.containsExactly(1);
	}

	@Test
	void recurringChargesRespectTheProgramsLimits() {
		ProgramSummary threeMonths = new ProgramSummary(1, "P", "https://x.test", 1, "USD", Rate.percent("10"),
				Rate.percent("0"), 30, null, BigDecimal.ZERO, true, 3, null, Map.of());
		ProgramSummary noRecurring = new ProgramSummary(1, "P", "https://x.test", 1, "USD", Rate.percent("10"),
				Rate.percent("0"), 30, null, BigDecimal.ZERO, false, null, null, Map.of());
		Earner limited = earner(1, 10, null, threeMonths);
		Earner never = earner(1, 10, null, noRecurring);
		Sale inside = sale(5L, Instant.parse("2026-04-15T09:59:59Z"), line(1, 1, "10.00"));
		Sale outside = sale(6L, Instant.parse("2026-04-15T10:00:00Z"), line(1, 1, "10.00"));
		assertThat(CommissionCalculator.drafts(inside, Credit.LAST, BUYER, limited, null)).hasSize(1);
		assertThat(CommissionCalculator.drafts(outside, Credit.LAST, BUYER, limited, null)).isEmpty();
		assertThat(CommissionCalculator.drafts(inside, Credit.LAST, BUYER, never, null)).isEmpty();
		// the initial sale always earns, even without recurring commissions
		assertThat(CommissionCalculator.drafts(sale(null, T0, line(1, 1, "10.00")), Credit.LAST, BUYER, never, null))
			.hasSize(1);
	}

	@Test
	void refundReductionIsProRataAndNeverMoreThanWhatIsLeft() {
		// commission 10.00 on a base of 30.00; 10.00 of the base refunded → 3.33
		assertThat(CommissionCalculator.reduction(new BigDecimal("10.00"), new BigDecimal("10.00"),
				new BigDecimal("30.00"), new BigDecimal("10.00"), false))
			.isEqualByComparingTo("3.33");
		// 0.005 rounds up
		assertThat(CommissionCalculator.reduction(new BigDecimal("0.01"), new BigDecimal("0.01"),
				new BigDecimal("2.00"), new BigDecimal("1.00"), false))
			.isEqualByComparingTo("0.01");
		// capped by what is left
		assertThat(CommissionCalculator.reduction(new BigDecimal("10.00"), new BigDecimal("2.00"),
				new BigDecimal("30.00"), new BigDecimal("30.00"), false))
			.isEqualByComparingTo("2.00");
		// a full refund takes everything left, whatever the rounding of earlier partial
		// refunds
		assertThat(CommissionCalculator.reduction(new BigDecimal("10.00"), new BigDecimal("6.67"),
				new BigDecimal("30.00"), new BigDecimal("1.00"), true))
			.isEqualByComparingTo("6.67");
	}

	@Test
	void anOrderInAnotherCurrencyIsConvertedIntoTheProgramsAtTheRateOfItsDay() {
		ProgramSummary euros = new ProgramSummary(1, "P", "https://x.test", 2, "EUR", Rate.percent("10"),
				Rate.flat("2.00"), 30, null, BigDecimal.ZERO, true, null, null, Map.of());
		List<String> asked = new java.util.ArrayList<>();
		CommissionCalculator.Conversions rates = (from, to, day) -> {
			asked.add(from + "->" + to + "@" + day);
			return new ExchangeRate(from, to, LocalDate.of(2026, 1, 10), new BigDecimal("0.91234567"));
		};
		// USD 33.33 → EUR 30.41 (0.91234567, half up); 10 % of that = 3.04 EUR; tier 2
		// flat 2.00 EUR per unit
		List<Draft> drafts = CommissionCalculator.drafts(sale(null, T0, line(1, 1, "33.33")), Credit.LAST, BUYER,
				earner(1, 10, 2L, euros), earner(2, 20, null, euros), rates);
		assertThat(drafts).extracting(Draft::tier, d -> d.amount().toPlainString(), Draft::currency)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "3.04", "EUR"),
					org.assertj.core.groups.Tuple.tuple(2, "2.00", "EUR"));
		assertThat(drafts.get(0).baseAmount()).isEqualByComparingTo("33.33"); // refunds
																				// stay
																				// pro
																				// rata in
																				// USD
		assertThat(drafts.get(0).conversion().rate()).isEqualByComparingTo("0.91234567");
		assertThat(drafts.get(0).reason())
			.isEqualTo("tier 1: last referrer p1 (USD converted to EUR at 0.91234567, rate of 2026-01-10)");
		assertThat(asked).containsExactly("USD->EUR@2026-01-15", "USD->EUR@2026-01-15"); // the
																							// sale's
																							// UTC
																							// day

		// the same currency needs no rate at all
		ProgramSummary dollars = program(1, Rate.percent("10"), Rate.percent("0"), Map.of());
		assertThat(CommissionCalculator.drafts(sale(null, T0, line(1, 1, "10.00")), Credit.LAST, BUYER,
				earner(1, 10, null, dollars), null, (from, to, day) -> {
					throw new AssertionError("no rate needed");
				}))
			.singleElement()
			.satisfies(d -> assertThat(d.conversion()).isNull());
	}

	@Test
	void withoutAStoredRateAnOrderInAnotherCurrencyIsRefused() {
		ProgramSummary euros = new ProgramSummary(1, "P", "https://x.test", 1, "EUR", Rate.percent("10"),
				Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, Map.of());
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> CommissionCalculator.drafts(sale(null, T0, line(1, 1, "10.00")), Credit.LAST,
					BUYER, earner(1, 10, null, euros), null))
			.isInstanceOf(UnprocessableException.class)
			.hasMessageContaining("USD→EUR")
			.hasMessageContaining("2026-01-15");
	}

	static ProgramSummary program(int tiers, Rate first, Rate second, Map<Long, ProgramSummary.ProductRate> rates) {
		return new ProgramSummary(1, "P", "https://x.test", tiers, "USD", first, second, 30, null, BigDecimal.ZERO,
				true, null, null, rates);
	}

	static Earner earner(long id, long contactId, Long parentId, ProgramSummary program) {
		return new Earner(
				new PartnerSummary(id, contactId, program.id(), "p" + id, PartnerStatus.APPROVED, parentId, null, T0),
				"p" + id + "@example.com", program);
	}

	static Sale.Line line(long productId, int quantity, String net) {
		return new Sale.Line(productId * 10, productId, "SKU" + productId, quantity, new BigDecimal(net));
	}

	static Sale sale(Long chargeId, Instant at, Sale.Line... lines) {
		return new Sale(1, chargeId, chargeId == null ? null : "ch" + chargeId, BUYER.contactId(), "USD", at, T0,
				new Attribution(1, Credit.LAST), List.of(lines));
	}

}
