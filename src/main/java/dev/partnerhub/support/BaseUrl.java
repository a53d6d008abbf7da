package dev.partnerhub.support;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The public address of the application ({@code partnerhub.base-url}), which every link
 * in an e-mail and every printed link starts with, and what is wrong with it for anyone
 * but the person at this machine: unset (the default {@value #DEFAULT} then), a local
 * address, or not an absolute http(s) URL.
 */
@Component
public class BaseUrl {

	public static final String PROPERTY = "partnerhub.base-url";

	public static final String DEFAULT = "http://localhost:8080";

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1");

	private final String configured;

	@Autowired
	BaseUrl(PartnerhubProperties properties) {
		this.configured = clean(properties.baseUrl());
	}

	private BaseUrl(String configured) {
		this.configured = clean(configured);
	}

	/** As configured with this value (null: unset). */
	static BaseUrl of(String configured) {
		return new BaseUrl(configured);
	}

	private static String clean(String configured) {
		return configured == null || configured.isBlank() ? null : configured.strip();
	}

	/** The address links use (the default when unset), without a trailing slash. */
	public String value() {
		String url = this.configured == null ? DEFAULT : this.configured;
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * {@link #value()} as a URI, for building links with
	 * {@code UriComponentsBuilder.fromUri}.
	 */
	public URI uri() {
		return URI.create(value());
	}

	public boolean isSet() {
		return this.configured != null;
	}

	/**
	 * Why links to this address will not work for partners, or empty when it looks like a
	 * public address.
	 */
	public Optional<String> problem() {
		return problem(this.configured);
	}

	static Optional<String> problem(String configured) {
		if (configured == null || configured.isBlank()) {
			return Optional.of(PROPERTY + " is not set, so links in e-mails point to " + DEFAULT
					+ ", which only this machine can open.");
		}
		URI uri;
		try {
			uri = new URI(configured.strip());
		}
		catch (java.net.URISyntaxException ex) {
			uri = null;
		}
		String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
			return Optional.of(PROPERTY + " is '" + configured.strip()
					+ "', which is not an absolute http(s) address such as https://partners.example.com.");
		}
		if (LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
			return Optional.of(PROPERTY + " is " + configured.strip()
					+ ", a local address: links in e-mails will only open on this machine.");
		}
		return Optional.empty();
	}

}
