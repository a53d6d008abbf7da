package dev.partnerhub.branding.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.branding.Brand;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves the brand: checks every field (all problems at once, as form messages),
 * re-encodes the images, writes the row, audits the change.
 */
@Service
@Transactional
public class BrandSettings {

	public static final int MAX_TERMS_TEXT = 50_000;

	private final BrandStore store;

	private final AuditLog audit;

	private final Clock clock;

	BrandSettings(BrandStore store, AuditLog audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	/** What the settings form sends; images are the uploaded bytes, or null. */
	public record BrandUpdate(@Nullable String companyName, @Nullable String primaryColor,
			@Nullable String supportEmail, @Nullable String termsUrl, @Nullable String termsText,
			@Nullable String centerTitle, @Nullable String centerFooter, byte @Nullable [] logo, boolean removeLogo,
			byte @Nullable [] favicon, boolean removeFavicon) {
	}

	/** Each field's problem, in the form's order. */
	public static class BrandProblems extends RuntimeException {

		private final Map<String, String> problems;

		BrandProblems(Map<String, String> problems) {
			super(String.join(" ", problems.values()));
			this.problems = Map.copyOf(problems);
		}

		public Map<String, String> problems() {
			return this.problems;
		}

	}

	public void save(BrandUpdate update) {
		Map<String, String> problems = new LinkedHashMap<>();
		String color = check(problems, "primaryColor", () -> BrandColors.check("primaryColor", update.primaryColor()));
		String termsUrl = check(problems, "termsUrl", () -> termsUrl(update.termsUrl()));
		BrandImages.Png logo = update.logo() == null || update.logo().length == 0 ? null
				: check(problems, "logo", () -> BrandImages.logo("logo", update.logo()));
		byte[] favicon = update.favicon() == null || update.favicon().length == 0 ? null
				: check(problems, "favicon", () -> BrandImages.favicon("favicon", update.favicon()));
		String termsText = blankToNull(update.termsText());
		if (termsText != null && termsText.length() > MAX_TERMS_TEXT) {
			problems.put("termsText", "The terms may be at most " + MAX_TERMS_TEXT + " characters.");
		}
		if (!problems.isEmpty()) {
			throw new BrandProblems(problems);
		}
		BrandText text = new BrandText(update.companyName() == null ? "" : update.companyName().strip(), color,
				blankToNull(update.supportEmail()), termsUrl, termsText, blankToNull(update.centerTitle()),
				blankToNull(update.centerFooter()));
		Brand before = this.store.current().brand();
		this.store.save(text, logo, update.removeLogo() && logo == null, favicon,
				update.removeFavicon() && favicon == null, this.clock.instant());
		this.audit.record(AuditEntry.of(Actor.current(), "brand.update", "brand", 1,
				"name=" + before.companyName() + ", colour=" + before.primaryColor(),
				"name=" + text.companyName() + ", colour=" + color + (logo != null ? ", new logo" : "")
						+ (favicon != null ? ", new favicon" : "")));
	}

	/**
	 * An absolute http(s) URL: it becomes a link on public pages, so nothing that runs
	 * script ({@code javascript:}) or points at a file.
	 */
	static @Nullable String termsUrl(@Nullable String input) {
		String value = blankToNull(input);
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && value.length() <= 2000) {
				return value;
			}
		}
		catch (URISyntaxException ex) {
			// refused below
		}
		throw new InvalidInputException("termsUrl",
				"Enter the full address of your terms, starting with https:// (at most 2000 characters).");
	}

	private static <T> @Nullable T check(Map<String, String> problems, String field,
			java.util.function.Supplier<@Nullable T> check) {
		try {
			return check.get();
		}
		catch (InvalidInputException ex) {
			problems.put(field, ex.getMessage());
			return null;
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
