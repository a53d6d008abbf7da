package dev.partnerhub.tracking.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.partnerhub.support.InvalidInputException;

/**
 * Landing URLs are absolute http(s) URLs: anything else (javascript:, data:, relative)
 * could turn a link into XSS.
 */
public final class LandingUrls {

	private LandingUrls() {
	}

	/** The stripped URL, or an InvalidInputException on {@code field}. */
	public static String check(String field, String url) {
		String value = url == null ? "" : url.strip();
		if (value.isEmpty()) {
			throw new InvalidInputException(field, "Landing URL is required.");
		}
		if (value.length() > 2000) {
			throw new InvalidInputException(field, "Landing URL must be at most 2000 characters.");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				throw new InvalidInputException(field, "Landing URL must not contain spaces or control characters.");
			}
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException(field, "Landing URL is not a valid URL.");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new InvalidInputException(field, "Landing URL must start with http:// or https://.");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new InvalidInputException(field, "Landing URL must name a host.");
		}
		return value;
	}

	/** {@code url} with {@code name=value} added to its query, before any #fragment. */
	static String withParameter(String url, String name, String value) {
		int hash = url.indexOf('#');
		String base = hash < 0 ? url : url.substring(0, hash);
		String fragment = hash < 0 ? "" : url.substring(hash);
		String separator = base.indexOf('?') < 0 ? "?" : (base.endsWith("?") || base.endsWith("&") ? "" : "&");
		return base + separator + name + "="
				+ java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8) + fragment;
	}

}
