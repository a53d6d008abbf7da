package dev.partnerhub.broadcasts.domain;

import org.jspecify.annotations.Nullable;

/**
 * Who gets an announcement: a program's approved partners, a group's members who are
 * approved partners, or (neither) every approved partner.
 */
public record Audience(@Nullable String program, @Nullable Long group) {

	public static Audience everyone() {
		return new Audience(null, null);
	}

}
