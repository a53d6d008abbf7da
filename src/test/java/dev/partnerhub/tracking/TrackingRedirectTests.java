package dev.partnerhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import dev.partnerhub.tracking.domain.ClickTokens;
import dev.partnerhub.tracking.domain.OptInService;
import dev.partnerhub.tracking.domain.PromoTool;
import dev.partnerhub.tracking.domain.PromoToolDraft;
import dev.partnerhub.tracking.domain.PromoToolKind;
import dev.partnerhub.tracking.domain.PromoToolService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TrackingRedirectTests {

	static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36";

	@Autowired
	MutableClock clock;

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	PromoToolService tools;

	@Autowired
	ClickRecorder recorder;

	@Autowired
	ClickTokens tokens;

	@Autowired
	OptInService optIns;

	@Autowired
	TrackingApi tracking;

	@Autowired
	JdbcClient jdbc;

	Fixtures fixtures;

	ProgramSummary program;

	PartnerSummary partner;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.programService, this.partnerService, this.contacts);
		this.program = this.fixtures.program("https://shop.example.com/sales?utm=x#top", 30);
		this.partner = this.fixtures.partner(this.program, PartnerStatus.APPROVED);
	}

	@Test
	void redirectsToTheProgramLandingUrlWithTheClickTokenAndSetsTheCookie() throws Exception {
		MockHttpServletResponse response = click(get("/r/" + this.partner.code()), "10.0.0.1")
			.andExpect(status().isFound())
			.andReturn()
			.getResponse();
		String location = response.getHeader("Location");
		assertThat(location).startsWith("https://shop.example.com/sales?utm=x&ref=").endsWith("#top");
		String token = tokenOf(location);
		assertThat(token).matches("[A-Za-z0-9_-]{76}");
		String cookie = response.getHeader("Set-Cookie");
		assertThat(cookie).startsWith("ph_ref=" + token + ";")
			.contains("Max-Age=" + Duration.ofDays(30).toSeconds())
			.contains("Path=/")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.doesNotContain("Secure");
	}

	@Test
	void cookieIsSecureOnHttpsAndCodeIsCaseInsensitive() throws Exception {
		click(get("/r/" + this.partner.code().toUpperCase()).secure(true), "10.0.0.2").andExpect(status().isFound())
			.andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.containsString("Secure")));
	}

	@Test
	void aToolOfThePartnersProgramIsUsedAndOneOfAnotherProgramIgnored() throws Exception {
		PromoTool own = link(this.program, "https://shop.example.com/offer");
		ProgramSummary other = this.fixtures.program("https://elsewhere.example.org/", 30);
		PromoTool foreign = link(other, "https://elsewhere.example.org/offer");

		String toOwn = click(get("/r/" + this.partner.code()).param("tool", own.getId().toString()), "10.0.1.1")
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(toOwn).startsWith("https://shop.example.com/offer?ref=");
		String toForeign = click(get("/r/" + this.partner.code()).param("tool", foreign.getId().toString()), "10.0.1.2")
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(toForeign).startsWith("https://shop.example.com/sales?utm=x&ref=");
		String garbage = click(get("/r/" + this.partner.code()).param("tool", "abc"), "10.0.1.3")
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(garbage).startsWith("https://shop.example.com/sales?utm=x&ref=");

		this.recorder.flush();
		List<Long> toolIds = this.jdbc.sql("select promo_tool_id from click where partner_id = :p order by id")
			.param("p", this.partner.id())
			.query((rs, n) -> (Long) rs.getObject(1))
			.list();
		assertThat(toolIds).containsExactly(own.getId(), null, null);
	}

	@Test
	void theLandingUrlNeverComesFromTheRequest() throws Exception {
		String location = click(get("/r/" + this.partner.code()).param("url", "https://evil.example.net/")
			.param("next", "//evil.example.net")
			.param("redirect", "javascript:alert(1)"), "10.0.2.1").andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(location).startsWith("https://shop.example.com/sales?").doesNotContain("evil");
	}

	@Test
	void unknownSuspendedAndPendingPartnersGetA404AndNoClick() throws Exception {
		PartnerSummary suspended = this.fixtures.partner(this.program, PartnerStatus.SUSPENDED);
		PartnerSummary pending = this.fixtures.partner(this.program, PartnerStatus.PENDING);
		click(get("/r/" + Fixtures.unique("nobody")), "10.0.3.1").andExpect(status().isNotFound())
			.andExpect(header().doesNotExist("Set-Cookie"));
		click(get("/r/" + suspended.code()), "10.0.3.2").andExpect(status().isNotFound());
		click(get("/r/" + pending.code()), "10.0.3.3").andExpect(status().isNotFound());
		click(get("/r/" + "x".repeat(300)), "10.0.3.4").andExpect(status().isNotFound());
		this.recorder.flush();
		assertThat(clicks(suspended.id())).isZero();
		assertThat(clicks(pending.id())).isZero();
	}

	@Test
	void oddLinksGetA404OrA405AndNeverA500() throws Exception {
		// The code is a path segment: percent-encoded it still finds the partner; broken
		// encoding is simply unknown.
		String encoded = "%" + Integer.toHexString(this.partner.code().charAt(0)).toUpperCase()
				+ this.partner.code().substring(1);
		this.mvc
			.perform(
					get(java.net.URI.create("/r/" + encoded)).with(ip("10.0.3.20")).header("User-Agent", "Mozilla/5.0"))
			.andExpect(status().isFound());
		this.mvc.perform(get(java.net.URI.create("/r/%FF%FE%25")).with(ip("10.0.3.21")))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(get("/r/" + this.partner.code() + "/extra").with(ip("10.0.3.22")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/r/").with(ip("10.0.3.23"))).andExpect(status().isNotFound());
		this.mvc.perform(delete("/r/" + this.partner.code()).with(csrf()).with(ip("10.0.3.24")))
			.andExpect(status().isMethodNotAllowed());
		this.recorder.flush();
		assertThat(clicks(this.partner.id())).isEqualTo(1);
	}

	@Test
	void approvalWorksAtOnceAndSuspensionWithinTheLookupCacheWindow() throws Exception {
		PartnerSummary pending = this.fixtures.partner(this.program, PartnerStatus.PENDING);
		click(get("/r/" + pending.code()), "10.0.3.10").andExpect(status().isNotFound());
		this.partnerService.changeStatus(pending.id(), PartnerStatus.APPROVED);
		click(get("/r/" + pending.code()), "10.0.3.11").andExpect(status().isFound());
		this.partnerService.changeStatus(pending.id(), PartnerStatus.SUSPENDED);
		this.clock.advance(Duration.ofMillis(2_100)); // past the lookup cache's two
														// seconds
		click(get("/r/" + pending.code()), "10.0.3.12").andExpect(status().isNotFound());
	}

	@Test
	void everyClickIsStoredWithItsSanitizedSubId() throws Exception {
		for (int i = 0; i < 5; i++) {
			click(get("/r/" + this.partner.code()).param("sub", "news letter/<b>" + i), "10.0.4." + i)
				.andExpect(status().isFound());
		}
		click(get("/r/" + this.partner.code()).param("sub", "y".repeat(500)), "10.0.4.99");
		this.recorder.flush();
		List<Map<String, Object>> rows = this.jdbc
			.sql("select sub_id, duplicate, bot, program_id from click where partner_id = :p order by id")
			.param("p", this.partner.id())
			.query()
			.listOfRows();
		assertThat(rows).hasSize(6);
		assertThat(rows.get(0)).containsEntry("sub_id", "news_letter__b_0")
			.containsEntry("duplicate", false)
			.containsEntry("bot", false)
			.containsEntry("program_id", this.program.id());
		assertThat((String) rows.get(5).get("sub_id")).hasSize(100);
	}

	@Test
	void botsAndRepeatClicksOfOneVisitorWithinAnHourAreDuplicates() throws Exception {
		click(get("/r/" + this.partner.code()), "10.0.5.1").andExpect(status().isFound());
		click(get("/r/" + this.partner.code()), "10.0.5.1").andExpect(status().isFound());
		click(get("/r/" + this.partner.code()), "10.0.5.2").andExpect(status().isFound());
		this.mvc
			.perform(get("/r/" + this.partner.code()).header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)")
				.with(ip("10.0.5.3")))
			.andExpect(status().isFound());
		this.mvc.perform(get("/r/" + this.partner.code()).header("User-Agent", "curl/8.5.0").with(ip("10.0.5.4")))
			.andExpect(status().isFound());
		this.mvc.perform(get("/r/" + this.partner.code()).with(ip("10.0.5.5"))).andExpect(status().isFound());
		this.recorder.flush();
		List<Map<String, Object>> rows = this.jdbc
			.sql("select duplicate, bot from click where partner_id = :p order by id")
			.param("p", this.partner.id())
			.query()
			.listOfRows();
		assertThat(rows).extracting(r -> r.get("duplicate")).containsExactly(false, true, false, true, true, true);
		assertThat(rows).extracting(r -> r.get("bot")).containsExactly(false, false, false, true, true, true);
	}

	@Test
	void theClickTokenResolvesToThePartnerAndNamesTheClick() throws Exception {
		String token = tokenOf(click(get("/r/" + this.partner.code()).param("sub", "fb"), "10.0.6.1").andReturn()
			.getResponse()
			.getHeader("Location"));
		// Before the flush the token alone says who and when.
		assertThat(this.optIns.resolve(token)).hasValueSatisfying(referrer -> {
			assertThat(referrer.partnerId()).isEqualTo(this.partner.id());
			assertThat(referrer.contactId()).isEqualTo(this.partner.contactId());
			assertThat(referrer.code()).isEqualTo(this.partner.code());
		});
		this.recorder.flush();
		assertThat(this.tracking.findClick(token)).hasValueSatisfying(info -> {
			assertThat(info.partnerId()).isEqualTo(this.partner.id());
			assertThat(info.subId()).isEqualTo("fb");
			assertThat(info.duplicate()).isFalse();
		});
	}

	@Test
	void tamperedGarbledAndExpiredTokensResolveToNothing() {
		String token = this.tokens.issue(this.partner.id(), Instant.now(), null);
		assertThat(this.optIns.resolve(token)).isPresent();
		char last = token.charAt(40);
		String tampered = token.substring(0, 40) + (last == 'A' ? 'B' : 'A') + token.substring(41);
		assertThat(this.optIns.resolve(tampered)).isEmpty();
		assertThat(this.optIns.resolve("not-a-token")).isEmpty();
		assertThat(this.optIns.resolve("!".repeat(76))).isEmpty();
		assertThat(this.optIns
			.resolve(this.tokens.issue(this.partner.id(), Instant.now().minus(Duration.ofDays(31)), null))).isEmpty();
		assertThat(this.optIns
			.resolve(this.tokens.issue(this.partner.id(), Instant.now().minus(Duration.ofDays(29)), null))).isPresent();
	}

	@Test
	void aSuspendedPartnersTokenResolvesToNothing() {
		String token = this.tokens.issue(this.partner.id(), Instant.now(), null);
		this.partnerService.changeStatus(this.partner.id(), PartnerStatus.SUSPENDED);
		assertThat(this.optIns.resolve(token)).isEmpty();
	}

	private PromoTool link(ProgramSummary program, String url) {
		return this.tools.create(new PromoToolDraft(PromoToolKind.LINK, program.id(), Fixtures.unique("Link "), url,
				null, null, null, null, null, null), null);
	}

	private org.springframework.test.web.servlet.ResultActions click(MockHttpServletRequestBuilder request, String ip)
			throws Exception {
		return this.mvc.perform(request.header("User-Agent", BROWSER).with(ip(ip)));
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor ip(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private long clicks(long partnerId) {
		return this.jdbc.sql("select count(*) from click where partner_id = :p")
			.param("p", partnerId)
			.query(Long.class)
			.single();
	}

	static String tokenOf(String location) {
		int start = location.indexOf("ref=") + 4;
		int end = location.indexOf('#', start);
		return location.substring(start, end < 0 ? location.length() : end);
	}

}
