package dev.partnerhub.branding.web;

import dev.partnerhub.branding.Brand;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The brand settings form (images travel as separate multipart parts). */
public class BrandForm {

	@Size(max = 120, message = "The company name may be at most 120 characters.")
	private @Nullable String companyName;

	@Size(max = 20, message = "Enter the colour as a hex code such as #1a5fb4.")
	private @Nullable String primaryColor;

	@Email(message = "Enter a valid support e-mail address.")
	@Size(max = 254, message = "The support e-mail may be at most 254 characters.")
	private @Nullable String supportEmail;

	@Size(max = 2000, message = "The terms address may be at most 2000 characters.")
	private @Nullable String termsUrl;

	private @Nullable String termsText;

	@Size(max = 120, message = "The partner-center title may be at most 120 characters.")
	private @Nullable String centerTitle;

	@Size(max = 1000, message = "The footer may be at most 1000 characters.")
	private @Nullable String centerFooter;

	private boolean removeLogo;

	private boolean removeFavicon;

	static BrandForm of(Brand brand, @Nullable String termsText) {
		BrandForm form = new BrandForm();
		form.companyName = brand.companyName();
		form.primaryColor = brand.primaryColor();
		form.supportEmail = brand.supportEmail();
		form.termsUrl = brand.termsUrl();
		form.termsText = termsText;
		form.centerTitle = brand.centerTitle();
		form.centerFooter = brand.centerFooter();
		return form;
	}

	public @Nullable String getCompanyName() {
		return this.companyName;
	}

	public void setCompanyName(@Nullable String companyName) {
		this.companyName = companyName;
	}

	public @Nullable String getPrimaryColor() {
		return this.primaryColor;
	}

	public void setPrimaryColor(@Nullable String primaryColor) {
		this.primaryColor = primaryColor;
	}

	public @Nullable String getSupportEmail() {
		return this.supportEmail;
	}

	public void setSupportEmail(@Nullable String supportEmail) {
		this.supportEmail = supportEmail;
	}

	public @Nullable String getTermsUrl() {
		return this.termsUrl;
	}

	public void setTermsUrl(@Nullable String termsUrl) {
		this.termsUrl = termsUrl;
	}

	public @Nullable String getTermsText() {
		return this.termsText;
	}

	public void setTermsText(@Nullable String termsText) {
		this.termsText = termsText;
	}

	public @Nullable String getCenterTitle() {
		return this.centerTitle;
	}

	public void setCenterTitle(@Nullable String centerTitle) {
		this.centerTitle = centerTitle;
	}

	public @Nullable String getCenterFooter() {
		return this.centerFooter;
	}

	public void setCenterFooter(@Nullable String centerFooter) {
		this.centerFooter = centerFooter;
	}

	public boolean isRemoveLogo() {
		return this.removeLogo;
	}

	public void setRemoveLogo(boolean removeLogo) {
		this.removeLogo = removeLogo;
	}

	public boolean isRemoveFavicon() {
		return this.removeFavicon;
	}

	public void setRemoveFavicon(boolean removeFavicon) {
		this.removeFavicon = removeFavicon;
	}

	/** The upload fields' messages are bound to these names; the files never are. */
	public @Nullable String getLogo() {
		return null;
	}

	public @Nullable String getFavicon() {
		return null;
	}

}
