package dev.partnerhub.branding.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.partnerhub.branding.Brand;
import dev.partnerhub.support.ShortLivedCache;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code brand_settings} (one row). Every page reads the brand, so the row (with its
 * images, at most a few hundred KB) is kept for {@link #TTL}; a save on this instance
 * clears it when its transaction commits, other instances see it when the entry expires.
 */
@Repository
public class BrandStore {

	static final Duration TTL = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final ShortLivedCache<Integer, Snapshot> cache;

	BrandStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.cache = new ShortLivedCache<>(TTL, clock);
	}

	/** The brand with its images and terms text, as stored. */
	public record Snapshot(Brand brand, byte @Nullable [] logoPng, byte @Nullable [] faviconIco,
			@Nullable String termsText) {
	}

	public Snapshot current() {
		return this.cache.get(1, key -> load()).orElseGet(() -> new Snapshot(Brand.NONE, null, null, null));
	}

	private Optional<Snapshot> load() {
		return this.jdbc.sql("""
				select company_name, primary_color, support_email, terms_url, terms_text, center_title, center_footer,
				       logo_png, logo_width, logo_height, favicon_png, version
				from brand_settings where id = 1
				""").query((rs, row) -> {
			byte[] logo = rs.getBytes("logo_png");
			byte[] favicon = rs.getBytes("favicon_png");
			String terms = rs.getString("terms_text");
			Brand brand = new Brand(rs.getString("company_name"), rs.getString("primary_color"),
					rs.getString("support_email"), rs.getString("terms_url"), terms != null,
					rs.getString("center_title"), rs.getString("center_footer"), logo != null, rs.getInt("logo_width"),
					rs.getInt("logo_height"), favicon != null, rs.getLong("version"));
			return new Snapshot(brand, logo, favicon, terms);
		}).optional();
	}

	/** Writes the row; the images only when given (null keeps, {@code remove} clears). */
	void save(BrandText text, BrandImages.@Nullable Png logo, boolean removeLogo, byte @Nullable [] favicon,
			boolean removeFavicon, java.time.Instant now) {
		this.jdbc
			.sql("""
					update brand_settings set company_name = :name, primary_color = :color, support_email = :support,
					       terms_url = :termsUrl, terms_text = :termsText, center_title = :title, center_footer = :footer,
					       logo_png = case when :removeLogo then null when :hasLogo then :logo else logo_png end,
					       logo_width = case when :removeLogo then null when :hasLogo then :logoWidth else logo_width end,
					       logo_height = case when :removeLogo then null when :hasLogo then :logoHeight else logo_height end,
					       favicon_png = case when :removeFavicon then null when :hasFavicon then :favicon else favicon_png end,
					       version = version + 1, updated_at = :now
					where id = 1
					""")
			.param("name", text.companyName())
			.param("color", text.primaryColor())
			.param("support", text.supportEmail())
			.param("termsUrl", text.termsUrl())
			.param("termsText", text.termsText())
			.param("title", text.centerTitle())
			.param("footer", text.centerFooter())
			.param("removeLogo", removeLogo)
			.param("hasLogo", logo != null)
			.param("logo", logo == null ? null : logo.data(), java.sql.Types.BINARY)
			.param("logoWidth", logo == null ? null : logo.width(), java.sql.Types.INTEGER)
			.param("logoHeight", logo == null ? null : logo.height(), java.sql.Types.INTEGER)
			.param("removeFavicon", removeFavicon)
			.param("hasFavicon", favicon != null)
			.param("favicon", favicon, java.sql.Types.BINARY)
			.param("now", java.sql.Timestamp.from(now))
			.update();
		this.cache.clearOnCommit();
	}

}
