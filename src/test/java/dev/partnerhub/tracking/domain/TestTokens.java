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

	/**
	 * A recorder of its own (tiny queue, no background writer) on the shared database.
	 */
	public static ClickRecorder recorder(org.springframework.jdbc.core.JdbcTemplate jdbc, int capacity) {
		return new ClickRecorder(jdbc, capacity, 60_000,
				new org.springframework.beans.factory.support.StaticListableBeanFactory()
					.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
	}

}
