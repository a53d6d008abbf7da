package dev.partnerhub.tracking.domain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A promo tool of a program. Which fields matter depends on the kind; banner bytes live
 * in promo_banner_image.
 */
@Table("promo_tool")
public class PromoTool {

	@Id
	private Long id;

	private long programId;

	// the kind's lower-case value, as the check constraint spells it
	private String kind;

	private String name;

	private String landingUrl;

	private String altText;

	private Integer width;

	private Integer height;

	private String imageContentType;

	private Integer imageSize;

	private String emailSubject;

	private String emailBody;

	private String lightboxHtml;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private Long version;

	protected PromoTool() {
	}

	PromoTool(PromoToolKind kind, Instant now) {
		this.kind = kind.value();
		this.createdAt = now;
		this.updatedAt = now;
	}

	void apply(PromoToolDraft draft, Instant now) {
		this.programId = draft.programId();
		this.name = draft.name().strip();
		this.landingUrl = draft.landingUrl();
		this.altText = getKind() == PromoToolKind.BANNER ? draft.altText() : null;
		this.width = getKind() == PromoToolKind.BANNER ? draft.width() : null;
		this.height = getKind() == PromoToolKind.BANNER ? draft.height() : null;
		this.emailSubject = getKind() == PromoToolKind.EMAIL ? draft.emailSubject() : null;
		this.emailBody = getKind() == PromoToolKind.EMAIL ? draft.emailBody() : null;
		this.lightboxHtml = getKind() == PromoToolKind.LIGHTBOX ? draft.lightboxHtml() : null;
		this.updatedAt = now;
	}

	void imageStored(String contentType, int size, Integer width, Integer height) {
		this.imageContentType = contentType;
		this.imageSize = size;
		if (this.width == null) {
			this.width = width;
		}
		if (this.height == null) {
			this.height = height;
		}
	}

	public Long getId() {
		return this.id;
	}

	public long getProgramId() {
		return this.programId;
	}

	public PromoToolKind getKind() {
		return PromoToolKind.parse(this.kind);
	}

	public String getName() {
		return this.name;
	}

	public String getLandingUrl() {
		return this.landingUrl;
	}

	public String getAltText() {
		return this.altText;
	}

	public Integer getWidth() {
		return this.width;
	}

	public Integer getHeight() {
		return this.height;
	}

	public String getImageContentType() {
		return this.imageContentType;
	}

	public Integer getImageSize() {
		return this.imageSize;
	}

	public String getEmailSubject() {
		return this.emailSubject;
	}

	public String getEmailBody() {
		return this.emailBody;
	}

	public String getLightboxHtml() {
		return this.lightboxHtml;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
