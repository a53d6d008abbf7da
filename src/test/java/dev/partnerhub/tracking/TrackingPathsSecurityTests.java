package dev.partnerhub.tracking;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The tracking paths run through their own lean security chain (issue 21): they must
 * still carry every security header a page carries, and never create, read or touch a
 * session.
 */
@IntegrationTest
class TrackingPathsSecurityTests {

	/** Headers Spring Security and our web chain put on every page. */
	static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-Frame-Options",
			"X-XSS-Protection", "Content-Security-Policy", "Referrer-Policy");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	List<ObservationPredicate> observationPredicates;

	PartnerSummary partner;

	@BeforeEach
	void setUp() {
		Fixtures fixtures = new Fixtures(this.programService, this.partnerService, this.contacts);
		this.partner = fixtures.partner(fixtures.program("https://shop.example.com/", 30), PartnerStatus.APPROVED);
	}

	@Test
	void trackingPathsCarryTheSameSecurityHeadersAsAPage() throws Exception {
		MockHttpServletResponse page = this.mvc.perform(get("/login")).andReturn().getResponse();
		for (MockHttpServletRequestBuilder request : trackingRequests()) {
			MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
			for (String header : SECURITY_HEADERS) {
				assertThat(response.getHeader(header)).as(header + " of " + request)
					.isNotNull()
					.isEqualTo(page.getHeader(header));
			}
		}
	}

	@Test
	void aSecureClickCarriesTheSameStrictTransportSecurityAsASecurePage() throws Exception {
		String page = this.mvc.perform(get("/login").secure(true))
			.andReturn()
			.getResponse()
			.getHeader("Strict-Transport-Security");
		MockHttpServletResponse click = this.mvc.perform(get("/r/" + this.partner.code()).secure(true))
			.andReturn()
			.getResponse();
		assertThat(click.getStatus()).isEqualTo(302);
		assertThat(click.getHeader("Strict-Transport-Security")).isNotNull().isEqualTo(page);
		assertThat(click.getHeader("Set-Cookie")).contains("Secure");
		assertThat(this.mvc.perform(get("/r/" + this.partner.code()))
			.andReturn()
			.getResponse()
			.getHeader("Strict-Transport-Security")).isNull();
	}

	@Test
	void aPlainClickIsAnsweredBeforeTheServletAndOthersReachTheController() throws Exception {
		MvcResult plain = this.mvc.perform(get("/r/" + this.partner.code()).param("sub", "spring"))
			.andExpect(status().isFound())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andReturn();
		// no handler: the DispatcherServlet never saw it
		assertThat(plain.getHandler()).isNull();
		MvcResult unknown = this.mvc.perform(get("/r/no-such-partner")).andExpect(status().isNotFound()).andReturn();
		assertThat(unknown.getHandler()).isNotNull();
		MvcResult encoded = this.mvc.perform(get(java.net.URI.create("/r/" + encodedFirstLetter(this.partner.code()))))
			.andExpect(status().isFound())
			.andReturn();
		assertThat(encoded.getHandler()).isNotNull();
	}

	private static String encodedFirstLetter(String code) {
		return "%" + Integer.toHexString(code.charAt(0)).toUpperCase(java.util.Locale.ROOT) + code.substring(1);
	}

	@Test
	void trackingPathsNeverCreateASession() throws Exception {
		for (MockHttpServletRequestBuilder request : trackingRequests()) {
			MvcResult result = this.mvc.perform(request).andReturn();
			assertThat(result.getRequest().getSession(false)).as("session of " + request).isNull();
			assertThat(result.getResponse().getHeaders("Set-Cookie")).as("cookies of " + request)
				.noneMatch(cookie -> cookie.startsWith("SESSION") || cookie.startsWith("JSESSIONID")
						|| cookie.startsWith("XSRF"));
		}
	}

	@Test
	void aLoggedInVisitorsSessionIsNeitherReadNorWrittenByAClick() throws Exception {
		RecordingSession session = new RecordingSession();
		for (MockHttpServletRequestBuilder request : trackingRequests()) {
			this.mvc.perform(request.session(session)).andReturn();
		}
		// the web chain would load the login from the session (SPRING_SECURITY_CONTEXT)
		// on
		// every click
		assertThat(session.touched).isEmpty();
	}

	/** A session that notes every attribute read or written. */
	static final class RecordingSession extends MockHttpSession {

		final List<String> touched = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public Object getAttribute(String name) {
			this.touched.add("read " + name);
			return super.getAttribute(name);
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.touched.add("write " + name);
			super.setAttribute(name, value);
		}

	}

	@Test
	void clicksAreNotObservedOneByOneButPagesAre() {
		assertThat(observed("/r/" + this.partner.code())).isFalse();
		assertThat(observed("/t.js")).isFalse();
		assertThat(observed("/t/visit")).isFalse();
		assertThat(observed("/ping")).isTrue();
		assertThat(observed("/rules")).isTrue();
		assertThat(observed("/admin/partners")).isTrue();
	}

	private boolean observed(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		ServerRequestObservationContext context = new ServerRequestObservationContext(request,
				new MockHttpServletResponse());
		return this.observationPredicates.stream().allMatch(p -> p.test("http.server.requests", context));
	}

	private List<MockHttpServletRequestBuilder> trackingRequests() {
		return List.of(get("/r/" + this.partner.code()).header("User-Agent", TrackingRedirectTests.BROWSER),
				get("/r/no-such-partner"), get("/t.js"),
				post("/t/visit").param("ref", "x").param("url", "https://shop.example.com/"));
	}

}
