package dev.partnerhub.tracking.domain;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

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
	public static @Nullable PromoToolKind parse(String value) {
		for (PromoToolKind kind : values()) {
			if (kind.value().equalsIgnoreCase(value == null ? "" : value.strip())) {
				return kind;
			}
		}
		return null;
	}

}
