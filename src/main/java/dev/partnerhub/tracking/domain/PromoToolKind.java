package dev.partnerhub.tracking.domain;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** The four kinds of promo tools partners get. */
public enum PromoToolKind {

	LINK("Tracked link"), BANNER("Banner"), EMAIL("E-mail swipe"), LIGHTBOX("Lightbox");

	private final String label;

	PromoToolKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Null for anything that is not a kind (request parameters are untrusted). */
	public static PromoToolKind parse(String value) {
		for (PromoToolKind kind : values()) {
			if (kind.value().equalsIgnoreCase(value == null ? "" : value.strip())) {
				return kind;
			}
		}
		return null;
	}

	@Converter(autoApply = true)
	public static class JpaConverter implements AttributeConverter<PromoToolKind, String> {

		@Override
		public String convertToDatabaseColumn(PromoToolKind kind) {
			return kind == null ? null : kind.value();
		}

		@Override
		public PromoToolKind convertToEntityAttribute(String value) {
			return value == null ? null : parse(value);
		}

	}

}
