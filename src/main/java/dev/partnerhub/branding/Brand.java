package dev.partnerhub.branding;

import org.jspecify.annotations.Nullable;

/**
 * The brand as pages and e-mails show it. Unset values fall back to Partnerhub's own
 * look: no logo, Bootstrap's blue, "Partner center".
 */
public record Brand(String companyName, @Nullable String primaryColor, @Nullable String supportEmail,
		@Nullable String termsUrl, boolean hasTermsText, @Nullable String centerTitle, @Nullable String centerFooter,
		boolean hasLogo, int logoWidth, int logoHeight, boolean hasFavicon, long version) {

	public static final String DEFAULT_NAME = "Partnerhub";

	/** Partnerhub's own look, before an admin saved anything. */
	public static final Brand NONE = new Brand("", null, null, null, false, null, null, false, 0, 0, false, 0);

	/** The company name, or "Partnerhub" while none is set. */
	public String name() {
		return this.companyName.isBlank() ? DEFAULT_NAME : this.companyName;
	}

	public boolean named() {
		return !this.companyName.isBlank();
	}

	/** The partner center's title: set, or "Partner center". */
	public String title() {
		return this.centerTitle == null || this.centerTitle.isBlank() ? "Partner center" : this.centerTitle;
	}

	/**
	 * Where the sign-up form's "partner terms" link goes: the terms URL, else the public
	 * page with the terms text, else nowhere (null).
	 */
	public @Nullable String termsLink() {
		if (this.termsUrl != null) {
			return this.termsUrl;
		}
		return this.hasTermsText ? "/terms" : null;
	}

	/** The logo's path, versioned so a new logo is never served from a cache. */
	public String logoPath() {
		return "/brand/logo.png?v=" + this.version;
	}

	/** The stylesheet with the primary colour as CSS custom properties. */
	public String cssPath() {
		return "/brand/brand.css?v=" + this.version;
	}

}
