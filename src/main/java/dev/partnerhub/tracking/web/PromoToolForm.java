package dev.partnerhub.tracking.web;

import dev.partnerhub.tracking.domain.PromoTool;
import dev.partnerhub.tracking.domain.PromoToolDraft;
import dev.partnerhub.tracking.domain.PromoToolKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.multipart.MultipartFile;

/**
 * The console form of a promo tool; the kind decides which fields are shown and checked.
 */
public class PromoToolForm {

	private String kind = "link";

	@NotNull(message = "Choose a program.")
	private Long programId;

	@NotBlank(message = "Name is required.")
	@Size(max = 120)
	private String name;

	@Size(max = 2000)
	private String landingUrl;

	@Size(max = 300)
	private String altText;

	@Min(1)
	@Max(10000)
	private Integer width;

	@Min(1)
	@Max(10000)
	private Integer height;

	@Size(max = 200)
	private String emailSubject;

	@Size(max = 20000)
	private String emailBody;

	@Size(max = 20000)
	private String lightboxHtml;

	/**
	 * The banner upload; checked by its bytes in the service, never by its declared type.
	 */
	private MultipartFile image;

	static PromoToolForm of(PromoTool tool) {
		PromoToolForm form = new PromoToolForm();
		form.kind = tool.getKind().value();
		form.programId = tool.getProgramId();
		form.name = tool.getName();
		form.landingUrl = tool.getLandingUrl();
		form.altText = tool.getAltText();
		form.width = tool.getWidth();
		form.height = tool.getHeight();
		form.emailSubject = tool.getEmailSubject();
		form.emailBody = tool.getEmailBody();
		form.lightboxHtml = tool.getLightboxHtml();
		return form;
	}

	PromoToolDraft draft() {
		return new PromoToolDraft(kindValue(), this.programId, this.name, this.landingUrl, this.altText, this.width,
				this.height, this.emailSubject, this.emailBody, this.lightboxHtml);
	}

	PromoToolKind kindValue() {
		PromoToolKind parsed = PromoToolKind.parse(this.kind);
		return parsed == null ? PromoToolKind.LINK : parsed;
	}

	public String getKind() {
		return this.kind;
	}

	public void setKind(String kind) {
		this.kind = kind;
	}

	public Long getProgramId() {
		return this.programId;
	}

	public void setProgramId(Long programId) {
		this.programId = programId;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getLandingUrl() {
		return this.landingUrl;
	}

	public void setLandingUrl(String landingUrl) {
		this.landingUrl = landingUrl;
	}

	public String getAltText() {
		return this.altText;
	}

	public void setAltText(String altText) {
		this.altText = altText;
	}

	public Integer getWidth() {
		return this.width;
	}

	public void setWidth(Integer width) {
		this.width = width;
	}

	public Integer getHeight() {
		return this.height;
	}

	public void setHeight(Integer height) {
		this.height = height;
	}

	public String getEmailSubject() {
		return this.emailSubject;
	}

	public void setEmailSubject(String emailSubject) {
		this.emailSubject = emailSubject;
	}

	public String getEmailBody() {
		return this.emailBody;
	}

	public void setEmailBody(String emailBody) {
		this.emailBody = emailBody;
	}

	public String getLightboxHtml() {
		return this.lightboxHtml;
	}

	public void setLightboxHtml(String lightboxHtml) {
		this.lightboxHtml = lightboxHtml;
	}

	public MultipartFile getImage() {
		return this.image;
	}

	public void setImage(MultipartFile image) {
		this.image = image;
	}

}
