package dev.partnerhub.tracking;

import java.time.Instant;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.tracking.domain.BannerImages;
import dev.partnerhub.tracking.domain.ClickTokens;
import dev.partnerhub.tracking.domain.LandingUrls;
import dev.partnerhub.tracking.domain.TestTokens;
import dev.partnerhub.tracking.domain.VisitorFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token codec, bot and repeat rules, landing URL and image checks, without Spring.
 */
class ClickTokenTests {

	final ClickTokens tokens = TestTokens.withSecret("0123456789abcdef0123456789abcdef");

	@Test
	void tokensCarryTheClickAndAreUnique() {
		Instant at = Instant.parse("2026-11-01T10:15:30Z");
		String a = this.tokens.issue(42, at, 7L);
		String b = this.tokens.issue(42, at, 7L);
		assertThat(a).isNotEqualTo(b).hasSize(76).matches("[A-Za-z0-9_-]+");
		ClickTokens.Claims claims = this.tokens.decode(a).orElseThrow();
		assertThat(claims.partnerId()).isEqualTo(42);
		assertThat(claims.clickedAt()).isEqualTo(at);
		assertThat(claims.promoToolId()).isEqualTo(7L);
		assertThat(this.tokens.decode(this.tokens.issue(42, at, null)).orElseThrow().promoToolId()).isNull();
	}

	@Test
	void anyEditOrAnotherKeyBreaksTheToken() {
		String token = this.tokens.issue(42, Instant.now(), null);
		for (int i = 0; i < token.length() - 1; i++) {
			char c = token.charAt(i);
			String edited = token.substring(0, i) + (c == 'x' ? 'y' : 'x') + token.substring(i + 1);
			assertThat(this.tokens.decode(edited)).as("edited at %d", i).isEmpty();
		}
		assertThat(TestTokens.withSecret("another-secret-another-secret-xx").decode(token)).isEmpty();
		assertThat(this.tokens.decode(null)).isEmpty();
		assertThat(this.tokens.decode(token.substring(1))).isEmpty();
		assertThat(this.tokens.decode("=".repeat(76))).isEmpty();
	}

	@Test
	void botsAreRecognisedByUserAgent() {
		assertThat(VisitorFilter.isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
			.isTrue();
		assertThat(VisitorFilter.isBot("curl/8.5.0")).isTrue();
		assertThat(VisitorFilter.isBot("Mozilla/5.0 (compatible; Yahoo! Slurp)")).isTrue();
		assertThat(VisitorFilter.isBot("")).isTrue();
		assertThat(VisitorFilter.isBot(null)).isTrue();
		assertThat(VisitorFilter.isBot("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1"))
			.isFalse();
	}

	@Test
	void aVisitorRepeatsWithinAnHourPerPartner() {
		VisitorFilter filter = new VisitorFilter();
		long t = 1_000_000_000L;
		assertThat(filter.isRepeat(1, "1.2.3.4", "UA", t)).isFalse();
		assertThat(filter.isRepeat(1, "1.2.3.4", "UA", t + 59 * 60_000)).isTrue();
		assertThat(filter.isRepeat(2, "1.2.3.4", "UA", t + 1)).isFalse();
		assertThat(filter.isRepeat(1, "1.2.3.5", "UA", t + 1)).isFalse();
		assertThat(filter.isRepeat(1, "1.2.3.4", "UA", t + 61 * 60_000)).isFalse();
	}

	@Test
	void landingUrlsAreHttpOnlyAndRefIsAppended() {
		assertThat(LandingUrls.check("f", " https://a.example.com/x ")).isEqualTo("https://a.example.com/x");
		for (String bad : new String[] { "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
				"//evil.example", "http:/x", "https://a b.example", "vbscript:x" }) {
			assertThatThrownBy(() -> LandingUrls.check("f", bad)).as(bad).isInstanceOf(InvalidInputException.class);
		}
		assertThat(TestTokens.withParameter("https://a.example/p", "T")).isEqualTo("https://a.example/p?ref=T");
		assertThat(TestTokens.withParameter("https://a.example/p?x=1#f", "T"))
			.isEqualTo("https://a.example/p?x=1&ref=T#f");
		assertThat(TestTokens.withParameter("https://a.example/p?", "a b")).isEqualTo("https://a.example/p?ref=a+b");
	}

	@Test
	void imagesAreCheckedByTheirBytes() {
		// a declared type plays no part: the bytes are decoded (BannerImagesTests has the
		// details)
		assertThat(BannerImages.check("image", PromoToolConsoleTests.PNG).contentType()).isEqualTo("image/png");
		assertThat(BannerImages.check("image", encoded("jpeg")).contentType()).isEqualTo("image/jpeg");
		assertThat(BannerImages.check("image", encoded("gif")).contentType()).isEqualTo("image/gif");
		assertThatThrownBy(() -> BannerImages.check("image", "RIFF\0\0\0\0WEBPVP8 ".getBytes()))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> BannerImages.check("image", "<svg/>".getBytes()))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> BannerImages.check("image", new byte[BannerImages.MAX_BYTES + 1]))
			.hasMessageContaining("1 MB");
	}

	private static byte[] encoded(String format) {
		try {
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			javax.imageio.ImageIO.write(BannerImagesTests.picture(8, 4), format, out);
			return out.toByteArray();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
