package dev.partnerhub.branding.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The primary colour: a hex colour that white text on it (buttons) and it as text on
 * white (links) can be read with, i.e. a contrast ratio against white of at least 4.5:1
 * (WCAG 2.x AA for normal text), computed with WCAG's relative luminance formula.
 */
public final class BrandColors {

	public static final double MINIMUM_CONTRAST = 4.5;

	private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

	private BrandColors() {
	}

	/**
	 * {@code #rrggbb} in lower case, null for blank; a malformed or too light colour is
	 * an InvalidInputException on {@code field}.
	 */
	public static @Nullable String check(String field, @Nullable String input) {
		if (input == null || input.isBlank()) {
			return null;
		}
		var m = HEX.matcher(input.strip());
		if (!m.matches()) {
			throw new InvalidInputException(field, "Enter the colour as a hex code such as #1a5fb4.");
		}
		String hex = m.group(1).toLowerCase(Locale.ROOT);
		if (hex.length() == 3) {
			hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
		}
		String color = "#" + hex;
		double ratio = contrastWithWhite(color);
		if (ratio < MINIMUM_CONTRAST) {
			throw new InvalidInputException(field,
					String.format(Locale.ROOT,
							"%s is too light: its contrast against white is %.2f:1, and text needs at least 4.5:1 "
									+ "(WCAG AA). Choose a darker shade.",
							color, Math.floor(ratio * 100) / 100));
		}
		return color;
	}

	/** WCAG 2.x contrast ratio of {@code #rrggbb} against white, 1 to 21. */
	public static double contrastWithWhite(String color) {
		return (1.0 + 0.05) / (luminance(color) + 0.05);
	}

	/** WCAG 2.x relative luminance of {@code #rrggbb}. */
	static double luminance(String color) {
		int rgb = Integer.parseInt(color.substring(1), 16);
		return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF)
				+ 0.0722 * channel(rgb & 0xFF);
	}

	private static double channel(int value) {
		double c = value / 255.0;
		return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

	/**
	 * A darker shade for hover and active states (each channel times 0.85), so they keep
	 * at least the colour's contrast.
	 */
	public static String darker(String color) {
		int rgb = Integer.parseInt(color.substring(1), 16);
		int r = (int) (((rgb >> 16) & 0xFF) * 0.85);
		int g = (int) (((rgb >> 8) & 0xFF) * 0.85);
		int b = (int) ((rgb & 0xFF) * 0.85);
		return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
	}

	/** {@code r, g, b} for Bootstrap's {@code --bs-primary-rgb}. */
	public static String rgb(String color) {
		int rgb = Integer.parseInt(color.substring(1), 16);
		return ((rgb >> 16) & 0xFF) + ", " + ((rgb >> 8) & 0xFF) + ", " + (rgb & 0xFF);
	}

}
