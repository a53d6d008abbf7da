package dev.partnerhub.tracking.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
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

	private @Nullable String landingUrl;

	private @Nullable String altText;

	private @Nullable Integer width;

	private @Nullable Integer height;

	private @Nullable String imageContentType;

	private @Nullable Integer imageSize;

	private @Nullable String emailSubject;

	private @Nullable String emailBody;

	private @Nullable String lightboxHtml;

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

	void imageStored(String contentType, int size, @Nullable Integer width, @Nullable Integer height) {
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

	public @Nullable String getLandingUrl() {
		return this.landingUrl;
	}

	public @Nullable String getAltText() {
		return this.altText;
	}

	public @Nullable Integer getWidth() {
		return this.width;
	}

	public @Nullable Integer getHeight() {
		return this.height;
	}

	public @Nullable String getImageContentType() {
		return this.imageContentType;
	}

	public @Nullable Integer getImageSize() {
		return this.imageSize;
	}

	public @Nullable String getEmailSubject() {
		return this.emailSubject;
	}

	public @Nullable String getEmailBody() {
		return this.emailBody;
	}

	public @Nullable String getLightboxHtml() {
		return this.lightboxHtml;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
