package dev.partnerhub.tracking.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A promo tool of a program. Which fields matter depends on the kind; banner bytes live in promo_banner_image. */
@Entity
@Table(name = "promo_tool")
public class PromoTool {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long programId;

	@Convert(converter = PromoToolKind.JpaConverter.class)
	private PromoToolKind kind;

	private String name;

	private String landingUrl;

	private String altText;

	private Integer width;

	private Integer height;

	private String imageContentType;

	private Integer imageSize;

	private String emailSubject;

	@Column(columnDefinition = "text")
	private String emailBody;

	@Column(columnDefinition = "text")
	private String lightboxHtml;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected PromoTool() {
	}

	PromoTool(PromoToolKind kind, Instant now) {
		this.kind = kind;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void apply(PromoToolDraft draft, Instant now) {
		this.programId = draft.programId();
		this.name = draft.name().strip();
		this.landingUrl = draft.landingUrl();
		this.altText = this.kind == PromoToolKind.BANNER ? draft.altText() : null;
		this.width = this.kind == PromoToolKind.BANNER ? draft.width() : null;
		this.height = this.kind == PromoToolKind.BANNER ? draft.height() : null;
		this.emailSubject = this.kind == PromoToolKind.EMAIL ? draft.emailSubject() : null;
		this.emailBody = this.kind == PromoToolKind.EMAIL ? draft.emailBody() : null;
		this.lightboxHtml = this.kind == PromoToolKind.LIGHTBOX ? draft.lightboxHtml() : null;
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
		return this.kind;
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
