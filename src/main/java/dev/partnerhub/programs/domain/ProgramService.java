package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.audit.Changes;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.ShortLivedCache;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class ProgramService implements ProgramApi {

	private static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(2);

	private final ProgramRepository programs;

	private final ProductRepository products;

	private final ProductSearchQueries productSearch;

	private final GlobalSettingsRepository settings;

	private final AuditLog audit;

	private final ProgramChecks checks;

	private final Clock clock;

	// Read by every order and redirect; changed rarely. See ShortLivedCache for the
	// staleness bound.
	private final ShortLivedCache<Long, ProgramSummary> programCache;

	private final ShortLivedCache<String, ProductSummary> productCache;

	private final ShortLivedCache<Short, PartnerSettings> settingsCache;

	static final int MAX_SLUG = 80;

	static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	ProgramService(ProgramRepository programs, ProductRepository products, ProductSearchQueries productSearch,
			GlobalSettingsRepository settings, AuditLog audit, ProgramChecks checks, Clock clock) {
		this.checks = checks;
		this.programs = programs;
		this.products = products;
		this.productSearch = productSearch;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
		this.programCache = new ShortLivedCache<>(CACHE_TTL, this.clock);
		this.productCache = new ShortLivedCache<>(CACHE_TTL, this.clock);
		this.settingsCache = new ShortLivedCache<>(CACHE_TTL, this.clock);
	}

	// --- programs

	@Override
	@Transactional(readOnly = true)
	public Optional<ProgramSummary> findProgram(long id) {
		return this.programCache.get(id, key -> this.programs.findById(key).map(Program::summary));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ProgramSummary> findProgramByName(String name) {
		return name == null ? Optional.empty() : this.programs.findByNameIgnoreCase(name.strip()).map(Program::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ProgramSummary> findProgramBySlug(String slug) {
		return slug == null || slug.length() > MAX_SLUG ? Optional.empty()
				: this.programs.findBySlug(slug).map(Program::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> slugOf(long programId) {
		return this.programs.findSlugById(programId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> salesSitesOf(long programId) {
		return this.programs.findSalesSitesById(programId)
			.map(text -> text.lines().filter(line -> !line.isBlank()).toList())
			.orElse(List.of());
	}

	@Override
	@Transactional(readOnly = true)
	public List<ProgramSummary> allPrograms() {
		return this.programs.findAll(Sort.by("name")).stream().map(Program::summary).toList();
	}

	@Transactional(readOnly = true)
	public Page<ProgramSummary> findPrograms(Pageable pageable) {
		return this.programs.findAll(pageable).map(Program::summary);
	}

	public ProgramSummary createProgram(ProgramDefinition definition) {
		this.checks.program(null, definition);
		ProgramSummary created = saveProgram(new Program(definition, this.clock.instant())).summary();
		this.audit.record(
				AuditEntry
					.of(Actor.current(), "program.create", "program", created.id(), null,
							Changes.describe(auditFields(created)))
					.withDetail(created.name()));
		return created;
	}

	public ProgramSummary updateProgram(long id, ProgramDefinition definition) {
		Program program = this.programs.findById(id).orElseThrow(() -> new NotFoundException("No program " + id));
		this.checks.program(id, definition);
		Map<String, Object> before = auditFields(program.summary());
		program.apply(definition);
		ProgramSummary updated = saveProgram(program).summary();
		Changes changes = Changes.between(before, auditFields(updated));
		if (!changes.isEmpty()) {
			this.audit.record(
					AuditEntry.of(Actor.current(), "program.update", "program", id, changes.before(), changes.after())
						.withDetail(updated.name()));
		}
		return updated;
	}

	/**
	 * What an audit entry shows of a program: rates, windows, payout, tiers, next level,
	 * product rates.
	 */
	private Map<String, Object> auditFields(ProgramSummary p) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("name", p.name());
		fields.put("landingUrl", p.landingUrl());
		fields.put("tiers", p.tiers());
		fields.put("currency", p.currency());
		fields.put("firstTierRate", p.firstTierRate().label());
		fields.put("secondTierRate", p.secondTierRate() == null ? null : p.secondTierRate().label());
		fields.put("cookieDays", p.cookieDays());
		fields.put("approvalDelayDays", p.approvalDelayDays() == null ? "manual" : p.approvalDelayDays());
		fields.put("minimumPayout", money(p.minimumPayout()));
		fields.put("recurringCommissions", p.recurringCommissions());
		fields.put("recurringMonths", p.recurringMonths() == null ? "life of order" : p.recurringMonths());
		fields.put("nextLevel",
				p.nextLevelProgramId() == null ? null
						: this.programs.findById(p.nextLevelProgramId())
							.map(Program::getName)
							.orElse("#" + p.nextLevelProgramId()));
		fields.put("productRates",
				p.productRates().isEmpty() ? null : p.productRates()
					.values()
					.stream()
					.sorted(Comparator.comparingLong(ProgramSummary.ProductRate::productId))
					.map(r -> this.products.findById(r.productId()).map(Product::getSku).orElse("#" + r.productId())
							+ " " + label(r.firstTierRate()) + "/" + label(r.secondTierRate()))
					.toList());
		return fields;
	}

	// the scale a value came in with (0 vs 0.00) is no change
	private static String money(BigDecimal amount) {
		return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

	private static String label(Rate rate) {
		return rate == null ? "default" : rate.label();
	}

	private Program saveProgram(Program program) {
		this.programCache.clearOnCommit();
		try {
			return this.programs.save(program);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("name", "A program named " + program.getName() + " already exists.");
		}
	}

	// --- products

	@Override
	@Transactional(readOnly = true)
	public Optional<ProductSummary> findProduct(long id) {
		return this.products.findById(id).map(Product::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ProductSummary> findProductBySku(String sku) {
		return sku == null ? Optional.empty() : this.productCache.get(sku.strip().toLowerCase(java.util.Locale.ROOT),
				key -> this.products.findBySkuIgnoreCase(key).map(Product::summary));
	}

	@Override
	@Transactional(readOnly = true)
	public List<ProductSummary> allProducts() {
		return this.products.findAll(Sort.by("name")).stream().map(Product::summary).toList();
	}

	/**
	 * Products whose SKU or name contains {@code query} (case-insensitive); all products
	 * for a blank query.
	 */
	@Transactional(readOnly = true)
	public Page<ProductSummary> findProducts(String query, Pageable pageable) {
		if (query == null || query.isBlank()) {
			return this.products.findAll(pageable).map(Product::summary);
		}
		String escaped = query.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.productSearch.search("%" + escaped + "%", pageable).map(Product::summary);
	}

	@Override
	public ProductSummary ensureProduct(String sku, String name, String currency) {
		if (sku == null || !sku.strip().matches("[A-Za-z0-9._-]{1,64}") || name == null || name.isBlank()
				|| name.length() > 200) {
			throw new InvalidInputException("sku",
					"A product needs a SKU (letters, digits, dot, dash, underscore) and a name.");
		}
		ProgramChecks.requireCurrency("currency", currency);
		if (this.products.insertIfAbsent(sku.strip(), name, currency) > 0) {
			this.productCache.clearOnCommit();
		}
		// read past the cache: it may remember the sku as missing for a moment
		return this.products.findBySkuIgnoreCase(sku.strip()).orElseThrow().summary();
	}

	public ProductSummary createProduct(String sku, String name, BigDecimal price, String currency) {
		return createProduct(sku, name, price, currency, null);
	}

	/**
	 * @param stripePriceId the Stripe price it is sold as (optional, unique)
	 */
	public ProductSummary createProduct(String sku, String name, BigDecimal price, String currency,
			@Nullable String stripePriceId) {
		this.checks.product(null, sku, name, price, currency);
		Product product = new Product(sku, name, price, currency, this.clock.instant());
		product.mapToStripePrice(stripePrice(null, stripePriceId));
		return saveProduct(product).summary();
	}

	public ProductSummary updateProduct(long id, String sku, String name, BigDecimal price, String currency) {
		Product product = this.products.findById(id).orElseThrow(() -> new NotFoundException("No product " + id));
		return updateProduct(id, sku, name, price, currency, product.getStripePriceId());
	}

	/**
	 * @param stripePriceId the Stripe price it is sold as; null or blank removes the
	 * mapping
	 */
	public ProductSummary updateProduct(long id, String sku, String name, BigDecimal price, String currency,
			@Nullable String stripePriceId) {
		Product product = this.products.findById(id).orElseThrow(() -> new NotFoundException("No product " + id));
		this.checks.product(id, sku, name, price, currency);
		String priceId = stripePrice(id, stripePriceId);
		product.update(sku, name, price, currency);
		product.mapToStripePrice(priceId);
		return saveProduct(product).summary();
	}

	/**
	 * A Stripe price id as stored (null when blank), refused when malformed or mapped to
	 * another product.
	 */
	private @Nullable String stripePrice(Long id, String stripePriceId) {
		if (stripePriceId == null || stripePriceId.isBlank()) {
			return null;
		}
		String priceId = stripePriceId.strip();
		if (!priceId.matches("[A-Za-z0-9_]{1,100}")) {
			throw new InvalidInputException("stripePriceId",
					"A Stripe price id looks like price_1PgafmB7WZ01zgkW6dKueIc5 (letters, digits, underscores).");
		}
		this.products.findByStripePriceId(priceId).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
			throw new ConflictException("stripePriceId",
					"The Stripe price " + priceId + " is already mapped to product " + other.getSku() + ".");
		});
		return priceId;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ProductSummary> findProductByStripePrice(String stripePriceId) {
		return stripePriceId == null || stripePriceId.isBlank() ? Optional.empty()
				: this.products.findByStripePriceId(stripePriceId.strip()).map(Product::summary);
	}

	private Product saveProduct(Product product) {
		this.productCache.clearOnCommit();
		try {
			return this.products.save(product);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("sku", "A product with SKU " + product.getSku() + " already exists.");
		}
	}

	// --- settings

	@Override
	@Transactional(readOnly = true)
	public PartnerSettings settings() {
		return this.settingsCache.get((short) 1, key -> this.settings.findById(key).map(GlobalSettings::view))
			.orElseThrow();
	}

	public PartnerSettings updateSettings(PartnerSettings updated) {
		ProgramChecks.requireCurrency("defaultCurrency", updated.defaultCurrency());
		boolean weekly = "weekly".equals(updated.payoutSchedule());
		if (!weekly && !"monthly".equals(updated.payoutSchedule())) {
			throw new InvalidInputException("payoutSchedule", "Payout schedule must be weekly or monthly.");
		}
		if (updated.payoutDay() < 1 || updated.payoutDay() > (weekly ? 7 : 28)) {
			throw new InvalidInputException("payoutDay",
					weekly ? "Weekly payout day is 1 (Monday) to 7 (Sunday)." : "Monthly payout day is 1 to 28.");
		}
		if (updated.defaultCookieDays() < 1 || updated.defaultCookieDays() > 3650) {
			throw new InvalidInputException("defaultCookieDays", "Cookie window must be between 1 and 3650 days.");
		}
		if (updated.defaultApprovalDelayDays() != null
				&& (updated.defaultApprovalDelayDays() < 0 || updated.defaultApprovalDelayDays() > 3650)) {
			throw new InvalidInputException("defaultApprovalDelayDays",
					"Approval delay must be between 0 and 3650 days.");
		}
		if (updated.credit() == null) {
			throw new InvalidInputException("credit", "Credit must be first or last.");
		}
		if (updated.defaultFirstTierRate() == null) {
			throw new InvalidInputException("defaultFirstTierRate", "Default first-tier rate is required.");
		}
		if (updated.defaultSecondTierRate() == null) {
			throw new InvalidInputException("defaultSecondTierRate", "Default second-tier rate is required.");
		}
		if (updated.defaultMinimumPayout() == null) {
			throw new InvalidInputException("defaultMinimumPayout",
					"Minimum payout must be an amount of 0 or more with at most two decimals.");
		}
		MoneyInput.check("defaultMinimumPayout", updated.defaultMinimumPayout());
		GlobalSettings row = this.settings.findById((short) 1).orElseThrow();
		Map<String, Object> before = auditFields(row.view());
		row.apply(updated);
		this.settingsCache.clearOnCommit();
		PartnerSettings saved = this.settings.save(row).view();
		Changes changes = Changes.between(before, auditFields(saved));
		if (!changes.isEmpty()) {
			this.audit.record(AuditEntry.of(Actor.current(), "settings.update", "settings", "global", changes.before(),
					changes.after()));
		}
		return saved;
	}

	private static Map<String, Object> auditFields(PartnerSettings s) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("credit", s.credit() == null ? null : s.credit().value());
		fields.put("defaultCurrency", s.defaultCurrency());
		fields.put("defaultFirstTierRate", label(s.defaultFirstTierRate()));
		fields.put("defaultSecondTierRate", label(s.defaultSecondTierRate()));
		fields.put("defaultCookieDays", s.defaultCookieDays());
		fields.put("defaultApprovalDelayDays",
				s.defaultApprovalDelayDays() == null ? "manual" : s.defaultApprovalDelayDays());
		fields.put("defaultMinimumPayout", money(s.defaultMinimumPayout()));
		fields.put("payoutSchedule", s.payoutSchedule());
		fields.put("payoutDay", s.payoutDay());
		return fields;
	}

}
