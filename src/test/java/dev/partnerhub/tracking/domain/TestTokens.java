package dev.partnerhub.tracking.domain;

/** Opens package-private pieces of the domain to the tests next door. */
public final class TestTokens {

	private TestTokens() {
	}

	public static ClickTokens withSecret(String secret) {
		return new ClickTokens(null, secret);
	}

	public static String withParameter(String url, String value) {
		return LandingUrls.withParameter(url, "ref", value);
	}

}
