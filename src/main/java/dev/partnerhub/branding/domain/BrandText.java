package dev.partnerhub.branding.domain;

import org.jspecify.annotations.Nullable;

/** The brand's words, as checked by {@link BrandSettings}: blank values are null. */
public record BrandText(String companyName, @Nullable String primaryColor, @Nullable String supportEmail,
		@Nullable String termsUrl, @Nullable String termsText, @Nullable String centerTitle,
		@Nullable String centerFooter) {
}
