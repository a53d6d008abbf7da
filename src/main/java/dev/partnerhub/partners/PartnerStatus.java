package dev.partnerhub.partners;

public enum PartnerStatus {

	PENDING, APPROVED, SUSPENDED;

	public String value() {
		return name().toLowerCase();
	}

	public static PartnerStatus of(String value) {
		for (PartnerStatus status : values()) {
			if (status.value().equalsIgnoreCase(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Status must be pending, approved or suspended, not '" + value + "'.");
	}

}
