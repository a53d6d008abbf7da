package dev.partnerhub.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;

/**
 * Who a login is. Console users (the team) are {@code OWNER > ADMIN > FINANCE > VIEWER}:
 * each role includes the ones after it (a role hierarchy in SecurityConfig), so a
 * {@code hasRole("ADMIN")} rule means "admin or owner". Partners use the partner center
 * only.
 */
public enum Role {

	OWNER, ADMIN, FINANCE, VIEWER, PARTNER;

	/** The console roles, strongest first. */
	public static final List<Role> TEAM = List.of(OWNER, ADMIN, FINANCE, VIEWER);

	public String authority() {
		return "ROLE_" + name();
	}

	public boolean isTeam() {
		return this != PARTNER;
	}

	/**
	 * Whether this role includes {@code other} (OWNER includes everything but PARTNER).
	 */
	public boolean includes(Role other) {
		return this.isTeam() && other.isTeam() ? ordinal() <= other.ordinal() : this == other;
	}

	/** The console role named {@code value} (any case), empty for anything else. */
	public static Optional<Role> team(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			Role role = Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
			return role.isTeam() ? Optional.of(role) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The strongest console role among these authorities (as granted at login, without
	 * the hierarchy), empty for partners and strangers.
	 */
	public static Optional<Role> strongestTeamRole(Collection<? extends GrantedAuthority> authorities) {
		return TEAM.stream()
			.filter(role -> authorities.stream().anyMatch(a -> role.authority().equals(a.getAuthority())))
			.findFirst();
	}

	public String label() {
		return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
	}

}
