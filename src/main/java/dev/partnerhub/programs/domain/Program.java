package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.RateType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

@Table("program")
public class Program {

	@Id
	private @Nullable Long id;

	private String name;

	private String landingUrl;

	private int tiers;

	private String currency;

	private String firstTierRateType;

	private BigDecimal firstTierRateValue;

	private String secondTierRateType;

	private BigDecimal secondTierRateValue;

	private int cookieDays;

	private @Nullable Integer approvalDelayDays;

	private BigDecimal minimumPayout;

	private boolean recurringCommissions;

	private @Nullable Integer recurringMonths;

	private @Nullable Long nextLevelProgramId;

	// filled by the database on insert (trigger program_default_slug, V30), changed only
	// by ProgramRepository.updateSlug: never written by save
	@ReadOnlyProperty
	private @Nullable String slug;

	@InsertOnlyProperty
	private Instant createdAt;

	// replaced as a whole on every save (delete and insert), as the JPA element
	// collection was
	@MappedCollection(idColumn = "program_id")
	private Set<ProductRateOverride> productRates = new HashSet<>();

	@Version
	private @Nullable Long version;

	protected Program() {
	}

	public Program(ProgramDefinition definition, Instant createdAt) {
		this.createdAt = createdAt;
		apply(definition);
	}

	public void apply(ProgramDefinition d) {
		this.name = d.name().strip();
		this.landingUrl = d.landingUrl().strip();
		this.tiers = d.tiers();
		this.currency = d.currency().toUpperCase();
		this.firstTierRateType = d.firstTierRate().type().value();
		this.firstTierRateValue = d.firstTierRate().value();
		Rate second = d.secondTierRate() == null ? new Rate(RateType.PERCENT, BigDecimal.ZERO) : d.secondTierRate();
		this.secondTierRateType = second.type().value();
		this.secondTierRateValue = second.value();
		this.cookieDays = d.cookieDays();
		this.approvalDelayDays = d.approvalDelayDays();
		this.minimumPayout = d.minimumPayout();
		this.recurringCommissions = d.recurringCommissions();
		this.recurringMonths = d.recurringCommissions() ? d.recurringMonths() : null;
		this.nextLevelProgramId = d.nextLevelProgramId();
		this.productRates.clear();
		d.productRates()
			.forEach(r -> this.productRates
				.add(ProductRateOverride.of(r.productId(), r.firstTierRate(), r.secondTierRate())));
	}

	public ProgramSummary summary() {
		Map<Long, ProgramSummary.ProductRate> rates = this.productRates.stream()
			.collect(Collectors.toMap(ProductRateOverride::getProductId, ProductRateOverride::toProductRate));
		return new ProgramSummary(this.id, this.name, this.landingUrl, this.tiers, this.currency,
				new Rate(RateType.of(this.firstTierRateType), this.firstTierRateValue),
				new Rate(RateType.of(this.secondTierRateType), this.secondTierRateValue), this.cookieDays,
				this.approvalDelayDays, this.minimumPayout, this.recurringCommissions, this.recurringMonths,
				this.nextLevelProgramId, Map.copyOf(rates));
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Long getNextLevelProgramId() {
		return this.nextLevelProgramId;
	}

	public @Nullable String getSlug() {
		return this.slug;
	}

}
