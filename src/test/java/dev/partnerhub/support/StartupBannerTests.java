package dev.partnerhub.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The printed address is where the app can be opened: the port it really listens on when
 * no public address is set (it said localhost:8080 whatever --server.port was).
 */
class StartupBannerTests {

	@Test
	void withoutAPublicAddressTheBannerNamesThePortTheServerListensOn() {
		StartupBanner banner = new StartupBanner(BaseUrl.of(null));
		assertThat(banner.address(18081)).isEqualTo("http://localhost:18081");
		// no web server (a test context): the default address
		assertThat(banner.address(-1)).isEqualTo(BaseUrl.DEFAULT);
	}

	@Test
	void aPublicAddressIsPrintedAsConfigured() {
		StartupBanner banner = new StartupBanner(BaseUrl.of("https://partners.example.com/"));
		assertThat(banner.address(18081)).isEqualTo("https://partners.example.com");
	}

}
