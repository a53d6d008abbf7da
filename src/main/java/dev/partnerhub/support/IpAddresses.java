package dev.partnerhub.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * IP address literals from requests and API input. Parsed only after a strict check that
 * the text is a literal (digits, dots, hex, colons), so {@link InetAddress#getByName}
 * never asks DNS.
 */
public final class IpAddresses {

	/** IPv4 dotted quad, or IPv6 (hex groups and colons). */
	private static final Pattern LITERAL = Pattern.compile(
			"((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");

	private IpAddresses() {
	}

	/** Whether {@code text} looks like an IPv4 or IPv6 literal. */
	public static boolean isIp(@Nullable String text) {
		return text != null && LITERAL.matcher(text).matches();
	}

	/** The address of a literal; empty for anything else (also "1:::2"-like nonsense). */
	public static Optional<InetAddress> parse(@Nullable String text) {
		if (!isIp(text)) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(text));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
