package dev.partnerhub.partnercenter.domain;

import java.util.Locale;

import dev.partnerhub.support.InvalidInputException;

/** The kinds of block a builder page is made of. */
public enum BlockType {

	TEXT("Text"), STAT("Stat"), LIST("Dynamic list"), LEADERBOARD("Leaderboard"), CHART("Earnings chart"),
	PROMO_TOOLS("Promo tools");

	private final String label;

	BlockType(String label) {
		this.label = label;
	}

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String label() {
		return this.label;
	}

	public static BlockType of(String value) {
		for (BlockType type : values()) {
			if (type.value().equals(value)) {
				return type;
			}
		}
		throw new InvalidInputException("type",
				"type: unknown block type '" + value + "' (text, stat, list, leaderboard, chart, promo_tools)");
	}

}
