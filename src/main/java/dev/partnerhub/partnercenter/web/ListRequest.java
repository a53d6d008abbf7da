package dev.partnerhub.partnercenter.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the request asks of the page's lists: {@code b<id>p} = page (1-based) and
 * {@code b<id>s} = {@code column,asc|desc} per block, so two lists on one page page
 * independently; {@code base} is the current URL (links keep every other parameter), or
 * null (no links: the CSV export); {@code csvPath} the page's CSV address, or null (the
 * console preview). Anything unreadable falls back to the block's defaults.
 */
record ListRequest(Map<String, String[]> params, @Nullable UriComponentsBuilder base, @Nullable String csvPath) {

	static final ListRequest NONE = new ListRequest(Map.of(), null, null);

	String get(String name) {
		String[] values = this.params.get(name);
		return values == null || values.length == 0 || values[0] == null ? "" : values[0].strip();
	}

	@Nullable String link(String name, String value, @Nullable String reset) {
		if (this.base == null) {
			return null;
		}
		UriComponentsBuilder builder = this.base.cloneBuilder().replaceQueryParam(name, value);
		if (reset != null) {
			builder.replaceQueryParam(reset);
		}
		return builder.build().encode().toUriString().replace("+", "%2B");
	}

}
