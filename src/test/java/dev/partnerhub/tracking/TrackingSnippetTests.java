package dev.partnerhub.tracking;

import java.time.Instant;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import dev.partnerhub.tracking.domain.ClickTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TrackingSnippetTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	ClickTokens tokens;

	@Autowired
	ClickRecorder recorder;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSnippetIsCacheableJavaScriptWithoutSession() throws Exception {
		this.mvc.perform(get("/t.js"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/javascript"))
			.andExpect(header().string("Cache-Control", containsString("max-age=3600")))
			.andExpect(header().string("Cache-Control", containsString("public")))
			.andExpect(header().doesNotExist("Set-Cookie"))
			.andExpect(content().string(containsString("window.partnerhub.referral")))
			.andExpect(content().string(containsString("/t/visit")))
			.andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*var MAX_DAYS = \\d+;.*")));
	}

	@Test
	void theExampleSalesPageEmbedsTheSnippet() throws Exception {
		this.mvc.perform(get("/examples/sales-page.html"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<script src=\"/t.js\" async></script>")))
			.andExpect(content().string(containsString("action=\"/join\"")));
	}

	@Test
	void aVisitBeaconIsStoredWithoutCsrfToken() throws Exception {
		PartnerSummary partner = new Fixtures(this.programService, this.partnerService, this.contacts)
			.partner(new Fixtures(this.programService, this.partnerService, this.contacts)
				.program("https://a.example.com/", 30), PartnerStatus.APPROVED);
		String token = this.tokens.issue(partner.id(), Instant.now(), null);
		this.mvc
			.perform(post("/t/visit").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("ref=" + token + "&url=https%3A%2F%2Fa.example.com%2Fsales%3Fref%3D" + token))
			.andExpect(status().isNoContent());
		this.recorder.flush();
		assertThat(this.jdbc.sql("select page_url from visit where partner_id = :p")
			.param("p", partner.id())
			.query(String.class)
			.list()).containsExactly("https://a.example.com/sales?ref=" + token);
	}

	@Test
	void garbageBeaconsAre400NotErrors() throws Exception {
		String genuine = this.tokens.issue(1, Instant.now(), null);
		this.mvc.perform(post("/t/visit")).andExpect(status().isBadRequest());
		this.mvc.perform(post("/t/visit").param("ref", "garbage").param("url", "https://a.example.com/"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/t/visit").param("ref", genuine).param("url", "javascript:alert(1)"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/t/visit").param("ref", genuine).param("url", "https://a.example.com/" + "x".repeat(3000)))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/t/visit").contentType(MediaType.APPLICATION_JSON).content("{\"ref\": [1, 2]"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/t/visit").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("ref=" + "a".repeat(5000)))
			.andExpect(status().is(413));
	}

}
