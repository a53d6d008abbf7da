package dev.partnerhub.accounts.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

import dev.partnerhub.support.Hmac;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a
 * browser that logged in to an account, or set its password with a reset or invitation
 * link, gets {@value #COOKIE}, which names the account without showing it:
 * {@code <expires>.<device id>.<HMAC-SHA256(server key, expires|device id|login)>}. With
 * it the owner is not subject to the limits strangers can use up ({@link LoginThrottle})
 * and may ask for a reset e-mail when strangers have used up the e-mail's quota
 * ({@link ResetThrottle}). Up to {@value #MAX_ENTRIES} logins per browser, valid
 * {@link #LIFETIME}. The server key is 32 random bytes made at the first use and kept in
 * the database ({@code server_secret}), so every instance shares it; deleting the row
 * invalidates every device cookie.
 */
@Component
public class DeviceCookies {

	static final String COOKIE = "ph_device";

	static final Duration LIFETIME = Duration.ofDays(180);

	static final int MAX_ENTRIES = 3;

	private static final String KEY_NAME = "device-cookie";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private volatile SecretKeySpec key;

	DeviceCookies(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The device id of the request's device cookie for {@code username}, when it has a
	 * valid one.
	 */
	public Optional<String> trustedDevice(HttpServletRequest request, String username) {
		String user = LoginThrottle.normalized(username);
		if (user.isEmpty()) {
			return Optional.empty();
		}
		long now = this.clock.instant().getEpochSecond();
		for (String entry : entries(request)) {
			String[] parts = entry.split("\\.");
			if (parts.length == 3 && unexpired(parts[0], now)
					&& MessageDigest.isEqual(mac(parts[0], parts[1], user).getBytes(StandardCharsets.US_ASCII),
							parts[2].getBytes(StandardCharsets.US_ASCII))) {
				return Optional.of(parts[1]);
			}
		}
		return Optional.empty();
	}

	/**
	 * Gives the browser a fresh device cookie for {@code username}, keeping its other
	 * logins' entries.
	 */
	public void remember(HttpServletRequest request, HttpServletResponse response, String username) {
		String user = LoginThrottle.normalized(username);
		long now = this.clock.instant().getEpochSecond();
		String old = trustedDevice(request, user).orElse(null);
		List<String> kept = new ArrayList<>();
		byte[] id = new byte[16];
		this.random.nextBytes(id);
		String device = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		String expires = Long.toString(now + LIFETIME.toSeconds());
		kept.add(expires + "." + device + "." + mac(expires, device, user));
		for (String entry : entries(request)) {
			String[] parts = entry.split("\\.");
			if (kept.size() < MAX_ENTRIES && parts.length == 3 && unexpired(parts[0], now) && !parts[1].equals(old)) {
				kept.add(entry);
			}
		}
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(COOKIE, String.join("~", kept))
					.path(request.getContextPath().isEmpty() ? "/" : request.getContextPath())
					.maxAge(LIFETIME)
					.httpOnly(true)
					.secure(request.isSecure())
					.sameSite("Lax")
					.build()
					.toString());
	}

	private static List<String> entries(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return List.of();
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() <= 1000) {
				List<String> entries = List.of(cookie.getValue().split("~"));
				return entries.size() > MAX_ENTRIES ? entries.subList(0, MAX_ENTRIES) : entries;
			}
		}
		return List.of();
	}

	private static boolean unexpired(String expires, long now) {
		try {
			return expires.length() <= 12 && Long.parseLong(expires) > now;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private String mac(String expires, String device, String user) {
		byte[] signature = Hmac.sha256(key().getEncoded(),
				("device|" + expires + "|" + device + "|" + user).getBytes(StandardCharsets.UTF_8));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
	}

	private SecretKeySpec key() {
		SecretKeySpec current = this.key;
		if (current == null) {
			synchronized (this) {
				if (this.key == null) {
					byte[] fresh = new byte[32];
					this.random.nextBytes(fresh);
					// the first instance to get here stores its key; everyone uses the
					// stored one
					this.jdbc.sql(
							"insert into server_secret (name, secret) values (:name, :secret) on conflict (name) do nothing")
						.param("name", KEY_NAME)
						.param("secret", fresh)
						.update();
					byte[] stored = this.jdbc.sql("select secret from server_secret where name = :name")
						.param("name", KEY_NAME)
						.query(byte[].class)
						.single();
					this.key = new SecretKeySpec(stored, "HmacSHA256");
				}
				current = this.key;
			}
		}
		return current;
	}

}
