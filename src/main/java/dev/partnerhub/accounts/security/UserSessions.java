package dev.partnerhub.accounts.security;

import java.util.List;

import dev.partnerhub.accounts.domain.PasswordChanged;
import dev.partnerhub.support.events.AfterCommit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.AbstractSessionEvent;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends a user's other sessions when his password is changed or set with a link
 * ({@link PasswordChanged}, after the commit). The session that made the change stays
 * logged in, under a new id. Sessions live in Spring Session JDBC, found by its
 * principal-name index and deleted; where Spring Session is switched off (the MockMvc
 * tests keep the container's sessions) an in-memory {@link SessionRegistry} of the
 * container's sessions is used instead, and Spring Security's concurrent-session filter
 * turns the ended sessions away ({@code /login?expired}).
 */
@Component
public class UserSessions implements ApplicationListener<AbstractSessionEvent> {

	private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

	private final FindByIndexNameSessionRepository<? extends Session> indexed;

	private final SessionRegistryImpl containerSessions;

	UserSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> indexed) {
		this.indexed = indexed.getIfAvailable();
		this.containerSessions = this.indexed == null ? new SessionRegistryImpl() : null;
	}

	/**
	 * The registry the filter chain must keep up to date, or null with Spring Session
	 * (its index does that).
	 */
	SessionRegistry containerSessionRegistry() {
		return this.containerSessions;
	}

	/**
	 * After the commit (an in-memory listener: sessions of a JVM that died with the
	 * change are gone anyway).
	 */
	@EventListener
	void passwordChanged(PasswordChanged event) {
		AfterCommit.run(() -> endOtherSessions(event));
	}

	/**
	 * A console user deactivated or given another role: every session of his ends after
	 * the commit (the manager acting is someone else).
	 */
	@EventListener
	void teamLoginEnded(dev.partnerhub.accounts.domain.TeamLoginEnded event) {
		AfterCommit.run(() -> {
			int ended = endSessions(event.email(), null);
			log.info("A console user was deactivated or re-roled: {} of their session(s) ended", ended);
		});
	}

	/**
	 * A login e-mail change ends the login's other sessions (they are indexed by the old
	 * name); the session that confirmed it, when logged in as that login, goes on under
	 * the new name and a new id.
	 */
	@EventListener
	void loginEmailChanged(dev.partnerhub.accounts.LoginEmailChanged event) {
		AfterCommit.run(() -> {
			HttpServletRequest request = RequestContextHolder
				.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
			HttpSession current = request == null ? null : request.getSession(false);
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			boolean own = current != null && authentication != null
					&& event.oldEmail().equalsIgnoreCase(authentication.getName());
			int ended = endSessions(event.oldEmail(), own ? current.getId() : null);
			log.info("A login e-mail was changed: {} other session(s) of its login ended", ended);
			if (own) {
				org.springframework.security.core.userdetails.User renamed = new org.springframework.security.core.userdetails.User(
						event.newEmail(), "", authentication.getAuthorities());
				org.springframework.security.authentication.UsernamePasswordAuthenticationToken token = org.springframework.security.authentication.UsernamePasswordAuthenticationToken
					.authenticated(renamed, null, authentication.getAuthorities());
				org.springframework.security.core.context.SecurityContext context = SecurityContextHolder
					.createEmptyContext();
				context.setAuthentication(token);
				SecurityContextHolder.setContext(context);
				current.setAttribute(
						org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
						context);
				String oldId = current.getId();
				String newId = request.changeSessionId();
				if (this.containerSessions != null && this.containerSessions.getSessionInformation(oldId) != null) {
					this.containerSessions.removeSessionInformation(oldId);
					this.containerSessions.registerNewSession(newId, renamed);
				}
			}
		});
	}

	private void endOtherSessions(PasswordChanged event) {
		HttpServletRequest request = RequestContextHolder
			.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
		HttpSession current = request == null ? null : request.getSession(false);
		String keep = current == null ? null : current.getId();
		int ended = endSessions(event.email(), keep);
		log.info("A password was changed: {} other session(s) of its login ended", ended);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (current != null && authentication != null && event.email().equalsIgnoreCase(authentication.getName())) {
			// his own session goes on under a new id: a copy of the old cookie is worth
			// nothing now
			String newId = request.changeSessionId();
			if (this.containerSessions != null && this.containerSessions.getSessionInformation(keep) != null) {
				this.containerSessions.removeSessionInformation(keep);
				this.containerSessions.registerNewSession(newId, authentication.getPrincipal());
			}
		}
	}

	/**
	 * Gives the request's session a new id (a sign-in reached a new step), keeping the
	 * fallback registry right.
	 */
	void changeSessionId(HttpServletRequest request, Object principal) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return;
		}
		String oldId = session.getId();
		String newId = request.changeSessionId();
		if (this.containerSessions != null && this.containerSessions.getSessionInformation(oldId) != null) {
			this.containerSessions.removeSessionInformation(oldId);
			this.containerSessions.registerNewSession(newId, principal);
		}
	}

	/**
	 * Ends every session of the login except {@code keep} (a session id, may be null);
	 * how many ended.
	 */
	int endSessions(String email, String keep) {
		if (this.indexed != null) {
			List<String> ids = this.indexed.findByPrincipalName(email)
				.keySet()
				.stream()
				.filter(id -> !id.equals(keep))
				.toList();
			ids.forEach(this.indexed::deleteById);
			return ids.size();
		}
		int ended = 0;
		for (Object principal : this.containerSessions.getAllPrincipals()) {
			String name = principal instanceof UserDetails user ? user.getUsername() : String.valueOf(principal);
			if (name.equalsIgnoreCase(email)) {
				for (SessionInformation session : this.containerSessions.getAllSessions(principal, false)) {
					if (!session.getSessionId().equals(keep)) {
						session.expireNow();
						ended++;
					}
				}
			}
		}
		return ended;
	}

	/**
	 * Container session events (destroyed, id changed) keep the in-memory registry small
	 * and right.
	 */
	@Override
	public void onApplicationEvent(AbstractSessionEvent event) {
		if (this.containerSessions != null) {
			this.containerSessions.onApplicationEvent(event);
		}
	}

}
