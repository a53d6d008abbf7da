package dev.partnerhub.accounts;

public enum Role {

	ADMIN, PARTNER;

	public String authority() {
		return "ROLE_" + name();
	}

}
