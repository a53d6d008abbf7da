package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Set;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a program or product must be before it is stored: names, URLs, tiers, windows,
 * amounts, currencies, and names and SKUs no other program or product has.
 */
@Component
class ProgramChecks {

	private final ProgramRepository programs;

	private final ProductRepository products;

	ProgramChecks(ProgramRepository programs, ProductRepository products) {
		this.programs = programs;
		this.products = products;
	}

	void program(Long id, ProgramDefinition d) {
		if (d.name() == null || d.name().isBlank()) {
			throw new InvalidInputException("name", "Name is required.");
		}
		if (d.name().strip().length() > 120) {
			throw new InvalidInputException("name", "Name must be at most 120 characters.");
		}
		this.programs.findByNameIgnoreCase(d.name().strip())
			.filter(other -> !other.getId().equals(id))
			.ifPresent(other -> {
				throw new ConflictException("name", "A program named " + d.name().strip() + " already exists.");
			});
		requireHttpUrl("landingUrl", d.landingUrl());
		if (d.landingUrl().strip().length() > 2000) {
			throw new InvalidInputException("landingUrl", "The URL must be at most 2000 characters.");
		}
		if (d.tiers() != 1 && d.tiers() != 2) {
			throw new InvalidInputException("tiers", "Tiers must be 1 or 2.");
		}
		requireCurrency("currency", d.currency());
		if (d.firstTierRate() == null) {
			throw new InvalidInputException("firstTierRate", "First-tier rate is required.");
		}
		if (d.cookieDays() < 1 || d.cookieDays() > 3650) {
			throw new InvalidInputException("cookieDays", "Cookie window must be between 1 and 3650 days.");
		}
		if (d.approvalDelayDays() != null && (d.approvalDelayDays() < 0 || d.approvalDelayDays() > 3650)) {
			throw new InvalidInputException("approvalDelayDays", "Approval delay must be between 0 and 3650 days.");
		}
		if (d.minimumPayout() == null) {
			throw new InvalidInputException("minimumPayout", "Minimum payout must be an amount of 0 or more.");
		}
		MoneyInput.check("minimumPayout", d.minimumPayout());
		if (d.recurringMonths() != null && (d.recurringMonths() < 1 || d.recurringMonths() > 1200)) {
			throw new InvalidInputException("recurringMonths", "Recurring limit must be between 1 and 1200 months.");
		}
		if (d.nextLevelProgramId() != null) {
			if (d.nextLevelProgramId().equals(id)) {
				throw new InvalidInputException("nextLevelProgramId", "A program cannot be its own next level.");
			}
			if (!this.programs.existsById(d.nextLevelProgramId())) {
				throw new InvalidInputException("nextLevelProgramId", "The next-level program does not exist.");
			}
		}
		Set<Long> seen = new HashSet<>();
		for (ProgramDefinition.ProductRateDefinition rate : d.productRates()) {
			if (!this.products.existsById(rate.productId())) {
				throw new InvalidInputException("productRates", "Unknown product in product rates.");
			}
			if (!seen.add(rate.productId())) {
				throw new InvalidInputException("productRates", "A product appears twice in product rates.");
			}
		}
	}

	void product(Long id, String sku, String name, BigDecimal price, String currency) {
		if (sku == null || !sku.strip().matches("[A-Za-z0-9._-]{1,64}")) {
			throw new InvalidInputException("sku", "SKU is required: letters, digits, dot, dash or underscore.");
		}
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("name", "Name is required.");
		}
		if (name.strip().length() > 200) {
			throw new InvalidInputException("name", "Name must be at most 200 characters.");
		}
		if (price == null) {
			throw new InvalidInputException("price", "Price is required (0 for free).");
		}
		MoneyInput.check("price", price);
		requireCurrency("currency", currency);
		this.products.findBySkuIgnoreCase(sku.strip()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
			throw new ConflictException("sku", "A product with SKU " + sku.strip() + " already exists.");
		});
	}

	static void requireHttpUrl(String field, String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidInputException(field, "A URL is required.");
		}
		try {
			URI uri = URI.create(url.strip());
			if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					|| uri.getHost() == null) {
				throw new InvalidInputException(field, "The URL must start with http:// or https:// and name a host.");
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "The URL is not valid.");
		}
	}

	/**
	 * A sales site's origin ({@code https://shop.example.com}, {@code http://host:8080})
	 * in lower case, or null when the text is no bare web origin: another scheme, user
	 * info, a path other than "/", a query or fragment, control characters.
	 */
	static @Nullable String origin(String text) {
		if (text.length() > 200 || text.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		String path = uri.getRawPath();
		if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawQuery() != null || uri.getRawFragment() != null
				|| (path != null && !path.isEmpty() && !path.equals("/"))) {
			return null;
		}
		return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
				+ (uri.getPort() == -1 ? "" : ":" + uri.getPort());
	}

	/**
	 * An ISO 4217 code in upper case (support.Currencies): {@code usd}, {@code XXX},
	 * {@code ZZZ} are refused.
	 */
	static void requireCurrency(String field, String currency) {
		Currencies.require(field, currency);
	}

}
