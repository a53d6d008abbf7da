package dev.partnerhub.jobs;

import java.util.Locale;

/**
 * queued → running → done | failed | cancelled (superseded, e.g. a recompute of an edited
 * rollup).
 */
public enum JobStatus {

	QUEUED, RUNNING, DONE, FAILED, CANCELLED;

	/** As stored and shown: lower case. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean active() {
		return this == QUEUED || this == RUNNING;
	}

	public static JobStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
