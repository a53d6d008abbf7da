package dev.partnerhub.filters;

import java.util.EnumSet;
import java.util.Set;

/** What kind of value a filterable field holds, and so which operators it takes. */
public enum FieldType {

	/** Compared case-insensitively. */
	TEXT(EnumSet.of(Op.EQ, Op.NE)),
	/** One of a fixed set of words (commission status). */
	STATUS(EnumSet.of(Op.EQ, Op.NE)),
	/** Two-decimal amounts. */
	MONEY(EnumSet.of(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE)),
	/** Whole numbers (tier, counts). */
	NUMBER(EnumSet.of(Op.EQ, Op.NE, Op.GT, Op.GTE, Op.LT, Op.LTE)),
	/** Timestamps compared by their UTC day. */
	DATE(EnumSet.of(Op.ON_OR_AFTER, Op.ON_OR_BEFORE, Op.WITHIN_LAST_DAYS));

	private final Set<Op> ops;

	FieldType(Set<Op> ops) {
		this.ops = ops;
	}

	public Set<Op> ops() {
		return this.ops;
	}

	public boolean numeric() {
		return this == MONEY || this == NUMBER;
	}

}
