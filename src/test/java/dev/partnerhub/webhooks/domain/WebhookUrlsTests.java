package dev.partnerhub.webhooks.domain;

import java.net.InetAddress;

import dev.partnerhub.support.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF rules with the production settings (no http, no private networks). */
class WebhookUrlsTests {

	final WebhookUrls strict = new WebhookUrls(false, false);

	@ParameterizedTest
	@ValueSource(strings = { "http://93.184.216.34/hook", "ftp://93.184.216.34/", "https://127.0.0.1/hook",
			"https://localhost:8443/hook", "https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.1.1/",
			"https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://0.0.0.0/", "https://[::1]/",
			"https://[::ffff:127.0.0.1]/", "https://[::ffff:169.254.169.254]/", "https://[fd00::1]/",
			"https://[fe80::1]/", "https://[64:ff9b::a00:1]/", "https://224.0.0.1/", "https://255.255.255.255/",
			"https://user:secret@93.184.216.34/", "https://93.184.216.34/#x", "not a url", "", "https:///path" })
	void refused(String url) {
		assertThatThrownBy(() -> this.strict.check(url)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aPublicHttpsAddressIsAccepted() {
		assertThat(this.strict.check("https://93.184.216.34:8443/hooks?x=1").toString())
			.isEqualTo("https://93.184.216.34:8443/hooks?x=1");
		assertThat(this.strict.check("https://[2606:2800:220:1:248:1893:25c8:1946]/h")).isNotNull();
	}

	@Test
	void theAddressIsCheckedAgainBeforeEverySend() {
		// registered while private targets were allowed (or rebinding since): refused now
		assertThat(new WebhookUrls(true, true).check("http://127.0.0.1:9/hook")).isNotNull();
		assertThat(new WebhookUrls(true, false).refusedAtSend("http://127.0.0.1:9/hook")).contains("127.0.0.1");
		assertThat(new WebhookUrls(true, false).refusedAtSend("http://localhost:9/hook")).contains("private");
		assertThat(new WebhookUrls(true, false).refusedAtSend("http://93.184.216.34/hook")).isNull();
	}

	@Test
	void publicAddresses() throws Exception {
		assertThat(WebhookUrls.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
		assertThat(WebhookUrls.isPublic(InetAddress.getByName("172.32.0.1"))).isTrue();
		assertThat(WebhookUrls.isPublic(InetAddress.getByName("172.15.255.255"))).isTrue();
		assertThat(WebhookUrls.isPublic(InetAddress.getByName("172.31.255.255"))).isFalse();
		assertThat(WebhookUrls.isPublic(InetAddress.getByName("2001:4860:4860::8888"))).isTrue();
		assertThat(WebhookUrls.isPublic(InetAddress.getByName("2001:db8::1"))).isFalse();
	}

}
