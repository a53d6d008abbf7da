package dev.partnerhub.accounts.web;

import dev.partnerhub.accounts.Role;
import dev.partnerhub.accounts.domain.TeamService.Manager;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * The manager behind a request: a console user acts with his own role, an API key as an
 * admin (it may invite and manage admins, finance users and viewers, not owners).
 */
final class TeamManagers {

	private TeamManagers() {
	}

	static Manager of(Authentication authentication) {
		if (authentication.getAuthorities().stream().anyMatch(a -> "ROLE_API".equals(a.getAuthority()))) {
			return new Manager(authentication.getName(), Role.ADMIN);
		}
		Role role = Role.strongestTeamRole(authentication.getAuthorities())
			.orElseThrow(() -> new AccessDeniedException("Console users only."));
		return new Manager(authentication.getName(), role);
	}

}
