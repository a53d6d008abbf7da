package dev.partnerhub.programs;

import java.util.List;
import java.util.Optional;

/** What other modules may ask of programs, products and the global partner settings. */
public interface ProgramApi {

	Optional<ProgramSummary> findProgram(long id);

	/** Case-insensitive. */
	Optional<ProgramSummary> findProgramByName(String name);

	List<ProgramSummary> allPrograms();

	/**
	 * By URL slug ({@code widget-partners}, exact): public URLs name a program by it
	 * ({@code /join/{slug}}, {@code /partners/signup/{slug}}).
	 */
	Optional<ProgramSummary> findProgramBySlug(String slug);

	/** The program's URL slug. */
	Optional<String> slugOf(long programId);

	/**
	 * The other sales-site origins ({@code https://shop.example.com}) the program's
	 * public forms may send visitors back to, besides its landing URL's origin; empty
	 * when none.
	 */
	List<String> salesSitesOf(long programId);

	Optional<ProductSummary> findProduct(long id);

	/** Case-insensitive. */
	Optional<ProductSummary> findProductBySku(String sku);

	List<ProductSummary> allProducts();

	/** The product mapped to this Stripe price (price_...), if an admin mapped one. */
	Optional<ProductSummary> findProductByStripePrice(String stripePriceId);

	/**
	 * The product with this sku, created with price 0 when there is none (safe when
	 * called concurrently): the product that imported sales without a product of their
	 * own are booked on.
	 */
	ProductSummary ensureProduct(String sku, String name, String currency);

	PartnerSettings settings();

}
