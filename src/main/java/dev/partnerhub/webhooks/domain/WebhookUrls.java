package dev.partnerhub.webhooks.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.PartnerhubProperties;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The SSRF rules of outgoing webhooks: only {@code https} URLs (http only with
 * {@code partnerhub.webhooks.allow-http} or in the demo), no user info, and a host whose
 * every address is public — not loopback, private, link-local, unique-local, multicast,
 * CGNAT, reserved or unspecified — unless
 * {@code partnerhub.webhooks.allow-private-networks}. Checked when an endpoint is
 * registered and again, on the addresses the host resolves to at that moment, before
 * every attempt (a host that rebinds to 127.0.0.1 after it was registered is refused).
 * The JVM caches a lookup for 30 s, so the HTTP client connects to the address checked a
 * moment before.
 */
@Component
public class WebhookUrls {

	static final int MAX_LENGTH = 2000;

	private final boolean allowHttp;

	private final boolean allowPrivate;

	@Autowired
	WebhookUrls(PartnerhubProperties properties) {
		this(properties.webhooks().allowHttp() || properties.demo().enabled(),
				properties.webhooks().allowPrivateNetworks());
	}

	WebhookUrls(boolean allowHttp, boolean allowPrivate) {
		this.allowHttp = allowHttp;
		this.allowPrivate = allowPrivate;
	}

	/**
	 * The URL as it will be called, or {@link InvalidInputException} on field {@code url}
	 * with the reason.
	 */
	public URI check(String url) {
		URI uri = parse(url);
		String refused = refusedAddress(uri);
		if (refused != null) {
			throw new InvalidInputException("url", refused);
		}
		return uri;
	}

	/**
	 * Null when the URL may be called now, else why not (checked before each attempt).
	 */
	@Nullable String refusedAtSend(String url) {
		try {
			return refusedAddress(parse(url));
		}
		catch (InvalidInputException ex) {
			return ex.getMessage();
		}
	}

	private URI parse(String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidInputException("url", "An endpoint needs a URL.");
		}
		String text = url.strip();
		if (text.length() > MAX_LENGTH) {
			throw new InvalidInputException("url", "The URL is longer than " + MAX_LENGTH + " characters.");
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("url", "Not a valid URL.");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(scheme.equals("http") && this.allowHttp)) {
			throw new InvalidInputException("url", "The URL must start with https://.");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new InvalidInputException("url", "The URL needs a host name.");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidInputException("url", "The URL must not carry a user name or password.");
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidInputException("url", "The URL must not have a #fragment.");
		}
		return uri;
	}

	private @Nullable String refusedAddress(URI uri) {
		String host = uri.getHost();
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException | SecurityException ex) {
			return "The host " + host + " could not be resolved.";
		}
		if (this.allowPrivate) {
			return null;
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				return "The host " + host + " resolves to a private or reserved address (" + address.getHostAddress()
						+ "); webhooks go only to public addresses.";
			}
		}
		return null;
	}

	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicV4(b, 0);
		}
		if (address instanceof Inet6Address) {
			if ((b[0] & 0xfe) == 0xfc) {
				return false; // fc00::/7 unique local
			}
			if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
				return false; // fec0::/10 site local (deprecated)
			}
			if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
				return false; // 2001:db8::/32 documentation
			}
			boolean zeroPrefix = true;
			for (int i = 0; i < 10; i++) {
				zeroPrefix &= b[i] == 0;
			}
			boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
			boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
			boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
					&& (b[3] & 0xff) == 0x9b;
			if (compatible || mapped || nat64) {
				// an IPv4 address in an IPv6 one: judge the IPv4 address
				return isPublicV4(b, 12);
			}
			return true;
		}
		return false;
	}

	private static boolean isPublicV4(byte[] b, int at) {
		int a0 = b[at] & 0xff;
		int a1 = b[at + 1] & 0xff;
		int a2 = b[at + 2] & 0xff;
		return !(a0 == 0 || a0 == 10 || a0 == 127 || (a0 == 169 && a1 == 254) || (a0 == 172 && a1 >= 16 && a1 <= 31)
				|| (a0 == 192 && a1 == 168) || (a0 == 100 && a1 >= 64 && a1 <= 127) || (a0 == 192 && a1 == 0 && a2 == 0)
				|| (a0 == 198 && (a1 == 18 || a1 == 19)) || a0 >= 224);
	}

}
