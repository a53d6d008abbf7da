package dev.partnerhub.tracking.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import dev.partnerhub.programs.ProgramSummary;
import org.jspecify.annotations.Nullable;

/**
 * Where a public form may send the visitor back to: only a page on the program's sales
 * sites — the origin (scheme, host and port) of its landing URL, or one of the other
 * origins the admin listed on the program. Everything else — another host, a look-alike,
 * {@code javascript:}, a relative or protocol-relative path, user info, control
 * characters — is refused, so the form is never an open redirect.
 */
final class SalesSiteRedirect {

	private static final int MAX_LENGTH = 2000;

	private SalesSiteRedirect() {
	}

	/**
	 * The URL to redirect to, or null when there is none or it is not on the program's
	 * sales site.
	 */
	static @Nullable String target(String redirect, ProgramSummary program, List<String> otherSites) {
		if (program == null || redirect == null || redirect.isBlank() || redirect.length() > MAX_LENGTH
				|| redirect.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
			return null;
		}
		URI target = parse(redirect);
		URI site = parse(program.landingUrl());
		if (target == null || site == null || !target.isAbsolute() || target.getRawUserInfo() != null
				|| target.getHost() == null || site.getHost() == null) {
			return null;
		}
		String scheme = target.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !scheme.equals("http")) {
			return null;
		}
		if (sameOrigin(target, site)) {
			return target.toASCIIString();
		}
		for (String other : otherSites) {
			URI origin = parse(other);
			if (origin != null && origin.getHost() != null && sameOrigin(target, origin)) {
				return target.toASCIIString();
			}
		}
		return null;
	}

	private static boolean sameOrigin(URI target, URI site) {
		return target.getScheme().equalsIgnoreCase(site.getScheme())
				&& target.getHost().equalsIgnoreCase(site.getHost()) && port(target) == port(site);
	}

	private static @Nullable URI parse(String url) {
		try {
			return url == null ? null : new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
