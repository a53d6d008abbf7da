package dev.partnerhub.accounts.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.accounts.Role;
import dev.partnerhub.accounts.domain.TwoFactorPolicy;
import dev.partnerhub.accounts.domain.TwoFactorService;
import dev.partnerhub.support.Hmac;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The second step of an admin user's sign-in. After a right password an admin with
 * two-factor sign-in on (and no valid "remember this device" cookie) is only
 * <em>partially</em> signed in: the session's authentication carries the single authority
 * {@value #CODE_PENDING} (no role), which only the code page accepts; the real
 * authentication waits in the session until a code is right ({@link #complete}). When an
 * owner requires two-factor sign-in for all admins, an admin without it gets
 * {@value #ENROLMENT_REQUIRED} instead, which only the enrolment page accepts. Partners
 * are not affected.
 * <p>
 * "Remember this device" ({@value #COOKIE}, {@link #REMEMBER}):
 * {@code <user id>.<expires>.<HMAC-SHA256(user's remember key, 2fa|user id|expires)>},
 * HttpOnly, SameSite=Lax, Secure over https. The key is random per user and enrolment and
 * replaced when the password changes, so turning two-factor sign-in off or changing the
 * password revokes every such cookie.
 */
@Component
public class TwoFactorSignIn {

	/** The only authority of a session whose password was right but code not yet. */
	public static final String CODE_PENDING = "TWO_FACTOR_CODE_PENDING";

	/** The only authority of an admin who must enrol before anything else. */
	public static final String ENROLMENT_REQUIRED = "TWO_FACTOR_ENROLMENT_REQUIRED";

	public static final String CODE_PAGE = "/login/two-factor";

	public static final String ENROLMENT_PAGE = "/admin/account/two-factor";

	static final String COOKIE = "ph_2fa";

	static final Duration REMEMBER = Duration.ofDays(30);

	/** A half-finished sign-in is given up after this long. */
	static final Duration PENDING_FOR = Duration.ofMinutes(10);

	private static final String HELD = TwoFactorSignIn.class.getName() + ".held";

	private static final String TARGET = TwoFactorSignIn.class.getName() + ".target";

	private static final String SINCE = TwoFactorSignIn.class.getName() + ".since";

	/**
	 * A partial sign-in: the user's principal with a single step authority, no role.
	 */
	static final class Partial extends AbstractAuthenticationToken {

		private static final long serialVersionUID = 1L;

		private final Object principal;

		Partial(Object principal, String authority) {
			super(List.of(new SimpleGrantedAuthority(authority)));
			this.principal = principal;
			setAuthenticated(true);
		}

		@Override
		public @Nullable Object getCredentials() {
			return null;
		}

		@Override
		public Object getPrincipal() {
			return this.principal;
		}

	}

	private final TwoFactorService twoFactor;

	private final TwoFactorPolicy policy;

	private final UserSessions sessions;

	private final Clock clock;

	TwoFactorSignIn(TwoFactorService twoFactor, TwoFactorPolicy policy, UserSessions sessions, Clock clock) {
		this.twoFactor = twoFactor;
		this.policy = policy;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * Called when a password was right: where the browser goes now. {@code target} when
	 * no second step is due; else the code or enrolment page, and the session holds the
	 * real authentication back until then.
	 */
	String afterPassword(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
			String target) {
		if (hasAuthority(authentication.getAuthorities(), Role.PARTNER.authority())) {
			return target;
		}
		TwoFactorService.Status status = this.twoFactor.status(authentication.getName()).orElse(null);
		if (status == null || status.role() == Role.PARTNER) {
			return target;
		}
		if (status.enabled()) {
			if (remembered(request, status.userId())) {
				return target;
			}
			hold(request, authentication, CODE_PENDING, target);
			return CODE_PAGE;
		}
		if (this.policy.requiredForAdmins()) {
			hold(request, authentication, ENROLMENT_REQUIRED, target);
			return ENROLMENT_PAGE;
		}
		return target;
	}

	/**
	 * An open console session of a team member without two-factor sign-in while the
	 * owner's rule requires it (switched on after he logged in): his authentication is
	 * held back as after a password, so only the enrolment page is reachable until he
	 * enrols. True when that happened to this request's session.
	 */
	boolean enrolmentDue(HttpServletRequest request, Authentication authentication) {
		if (authentication instanceof Partial || !authentication.isAuthenticated()
				|| Role.strongestTeamRole(authentication.getAuthorities()).isEmpty()
				|| !this.policy.requiredForAdmins()) {
			return false;
		}
		TwoFactorService.Status status = this.twoFactor.status(authentication.getName()).orElse(null);
		if (status == null || status.enabled() || status.role() == Role.PARTNER) {
			return false;
		}
		hold(request, authentication, ENROLMENT_REQUIRED, "/admin");
		return true;
	}

	/** Whether the current authentication is a partial one with this step authority. */
	public static boolean isPartial(@Nullable Authentication authentication, String step) {
		return authentication instanceof Partial && hasAuthority(authentication.getAuthorities(), step);
	}

	/**
	 * Whether the partial sign-in of this request's session is too old (then it is ended:
	 * log in again).
	 */
	public boolean expired(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object since = session == null ? null : session.getAttribute(SINCE);
		if (since instanceof Instant start && this.clock.instant().isBefore(start.plus(PENDING_FOR))) {
			return false;
		}
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return true;
	}

	/**
	 * The second step is done: the session gets the real authentication (under a new
	 * session id); returns the page to go to.
	 */
	public String complete(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(HELD) instanceof Authentication full)) {
			throw new IllegalStateException("No sign-in waits for a second factor");
		}
		String target = session.getAttribute(TARGET) instanceof String saved ? saved : "/admin";
		session.removeAttribute(HELD);
		session.removeAttribute(TARGET);
		session.removeAttribute(SINCE);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(full);
		SecurityContextHolder.setContext(context);
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
		// a new privilege level: a new session id
		this.sessions.changeSessionId(request, full.getPrincipal());
		return target;
	}

	/** Gives the browser the "remember this device" cookie for this user. */
	public void remember(HttpServletRequest request, HttpServletResponse response, long userId) {
		byte[] key = this.twoFactor.rememberKey(userId).orElse(null);
		if (key == null) {
			return;
		}
		String expires = Long.toString(this.clock.instant().plus(REMEMBER).getEpochSecond());
		String value = userId + "." + expires + "." + mac(key, userId, expires);
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(COOKIE, value)
					.path(request.getContextPath().isEmpty() ? "/" : request.getContextPath())
					.maxAge(REMEMBER)
					.httpOnly(true)
					.secure(request.isSecure())
					.sameSite("Lax")
					.build()
					.toString());
	}

	/**
	 * Whether the request carries a valid, unrevoked "remember this device" cookie of
	 * this user.
	 */
	boolean remembered(HttpServletRequest request, long userId) {
		String value = cookie(request);
		if (value == null || value.length() > 200) {
			return false;
		}
		String[] parts = value.split("\\.");
		if (parts.length != 3 || !parts[0].equals(Long.toString(userId)) || parts[1].length() > 12) {
			return false;
		}
		long expires;
		try {
			expires = Long.parseLong(parts[1]);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (expires <= this.clock.instant().getEpochSecond()) {
			return false;
		}
		byte[] key = this.twoFactor.rememberKey(userId).orElse(null);
		return key != null && MessageDigest.isEqual(mac(key, userId, parts[1]).getBytes(StandardCharsets.US_ASCII),
				parts[2].getBytes(StandardCharsets.US_ASCII));
	}

	private void hold(HttpServletRequest request, Authentication authentication, String step, String target) {
		HttpSession session = request.getSession();
		session.setAttribute(HELD, authentication);
		session.setAttribute(TARGET, target);
		session.setAttribute(SINCE, this.clock.instant());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new Partial(authentication.getPrincipal(), step));
		SecurityContextHolder.setContext(context);
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
	}

	private static @Nullable String cookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	private static String mac(byte[] key, long userId, String expires) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(Hmac.sha256(key, ("2fa|" + userId + "|" + expires).getBytes(StandardCharsets.UTF_8)));
	}

	private static boolean hasAuthority(Collection<? extends GrantedAuthority> authorities, String authority) {
		return authorities.stream().anyMatch(a -> authority.equals(a.getAuthority()));
	}

	/** The user id of a signed-in or partially signed-in login. */
	public Optional<TwoFactorService.Status> user(Authentication authentication) {
		return this.twoFactor.status(authentication.getName());
	}

}
