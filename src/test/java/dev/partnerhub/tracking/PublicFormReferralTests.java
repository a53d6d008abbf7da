package dev.partnerhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickTokens;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The unauthenticated opt-in {@code POST /join} (issue 14, item 4): whoever posts may
 * type anybody's e-mail, so an existing contact keeps his name and e-mail, a bare partner
 * code is nobody's referral, and only a genuine click token newer than the contact's last
 * referral may move his last referrer (a new contact gets first and last from it).
 */
@IntegrationTest
class PublicFormReferralTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	ContactService contactService;

	@Autowired
	ClickTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	OrderFixtures orders;

	ProgramSummary program;

	PartnerSummary original;

	PartnerSummary other;

	ProductSummary product;

	private final String address = "10.14." + ThreadLocalRandom.current().nextInt(256) + "."
			+ ThreadLocalRandom.current().nextInt(1, 255);

	@BeforeEach
	void setUp() {
		Fixtures fixtures = new Fixtures(this.programService, this.partnerService, this.contacts);
		this.program = fixtures.program("https://shop.example.com/", 30);
		this.original = fixtures.partner(this.program, PartnerStatus.APPROVED);
		this.other = fixtures.partner(this.program, PartnerStatus.APPROVED);
		this.orders = new OrderFixtures(this.programService, this.partnerService, this.contactService, this.mvc);
		this.product = this.orders.product("100.00");
	}

	/**
	 * The finding: this renamed the customer and made the other partner his last
	 * referrer, who was then paid.
	 */
	@Test
	void anExistingCustomersEmailWithAPartnerCodeChangesNothingAndTheOriginalPartnerIsPaid() throws Exception {
		String email = Fixtures.unique("carl") + "@test.local";
		ContactSummary before = customerReferredByOriginal(email, Instant.now().minus(Duration.ofDays(1)));

		join(email.toUpperCase(), "Mallory", "Mean", this.other.code()).andExpect(status().isOk())
			// the page greets what was typed, never the stored name (it must not tell who
			// owns an address)
			.andExpect(content().string(containsString(", Mallory</span>")))
			.andExpect(content().string(not(containsString("Carl"))));

		ContactSummary after = this.contacts.findByEmail(email).orElseThrow();
		assertThat(after).isEqualTo(before);
		assertThat(after.firstName()).isEqualTo("Carl");
		assertThat(after.email()).isEqualTo(email);
		assertThat(after.lastReferrerId()).isEqualTo(this.original.id());

		// His next order without a referral credits the partner who really referred him.
		this.orders
			.postOrder(OrderFixtures.order(Fixtures.unique("o-"), email, null,
					OrderFixtures.item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions[0].partnerCode").value(this.original.code()));
	}

	@Test
	void aPartnersOwnContactIsNotRenamed() throws Exception {
		ContactSummary own = this.contacts.findById(this.other.contactId()).orElseThrow();
		join(own.email(), "Renamed", "ByStranger", this.original.code()).andExpect(status().isOk());
		ContactSummary after = this.contacts.findById(this.other.contactId()).orElseThrow();
		assertThat(after).isEqualTo(own);
	}

	@Test
	void aFreshClickTokenMovesOnlyTheLastReferrerOfAnExistingContact() throws Exception {
		String email = Fixtures.unique("fresh") + "@test.local";
		ContactSummary before = customerReferredByOriginal(email, Instant.now().minus(Duration.ofDays(1)));
		String token = this.tokens.issue(this.other.id(), Instant.now(), null); // clicked
																				// after
																				// his
																				// last
																				// referral

		join(email, "Mallory", "", token).andExpect(status().isOk());

		ContactSummary after = this.contacts.findByEmail(email).orElseThrow();
		assertThat(after.lastReferrerId()).isEqualTo(this.other.id());
		assertThat(after.lastReferredAt()).isAfter(before.lastReferredAt());
		assertThat(after.firstReferrerId()).isEqualTo(this.original.id());
		assertThat(after.firstReferredAt()).isEqualTo(before.firstReferredAt());
		assertThat(after.firstName()).isEqualTo("Carl");
		assertThat(this.jdbc.sql("select last_referral from contact where id = :id")
			.param("id", after.id())
			.query(String.class)
			.single()).isEqualTo(token);

		// The same token again is no longer newer than his last referral: nothing
		// changes.
		join(email, "Mallory", "", token).andExpect(status().isOk());
		assertThat(this.contacts.findByEmail(email).orElseThrow()).isEqualTo(after);
	}

	@Test
	void staleForgedAndExpiredTokensAreIgnoredForAnExistingContact() throws Exception {
		String email = Fixtures.unique("stale") + "@test.local";
		ContactSummary before = customerReferredByOriginal(email, Instant.now().minus(Duration.ofDays(1)));

		// Genuine and inside the cookie window, but clicked before his last referral.
		join(email, "", "", this.tokens.issue(this.other.id(), Instant.now().minus(Duration.ofDays(2)), null))
			.andExpect(status().isOk());
		String genuine = this.tokens.issue(this.other.id(), Instant.now(), null);
		String forged = genuine.substring(0, 40) + (genuine.charAt(40) == 'A' ? 'B' : 'A') + genuine.substring(41);
		join(email, "", "", forged).andExpect(status().isOk());
		join(email, "", "", this.tokens.issue(this.other.id(), Instant.now().minus(Duration.ofDays(31)), null))
			.andExpect(status().isOk());
		// A code in the ph_ref cookie (which /r/ fills with click tokens only) is no
		// click either.
		this.mvc
			.perform(post("/join").with(fromOwnAddress())
				.param("email", email)
				.cookie(new Cookie("ph_ref", this.other.code())))
			.andExpect(status().isOk());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());

		assertThat(this.contacts.findByEmail(email).orElseThrow()).isEqualTo(before);
	}

	@Test
	void aNewContactGetsTheTypedNameAndAClickButNotABareCode() throws Exception {
		String byCode = Fixtures.unique("new-code") + "@test.local";
		join(byCode, "Nina", "New", this.original.code()).andExpect(status().isOk());
		ContactSummary coded = this.contacts.findByEmail(byCode).orElseThrow();
		assertThat(coded.name()).isEqualTo("Nina New");
		assertThat(coded.firstReferrerId()).isNull();
		assertThat(coded.lastReferrerId()).isNull();

		String byClick = Fixtures.unique("new-click") + "@test.local";
		join(byClick, "Nico", "New", this.tokens.issue(this.original.id(), Instant.now(), null))
			.andExpect(status().isOk());
		ContactSummary clicked = this.contacts.findByEmail(byClick).orElseThrow();
		assertThat(clicked.name()).isEqualTo("Nico New");
		assertThat(clicked.firstReferrerId()).isEqualTo(this.original.id());
		assertThat(clicked.lastReferrerId()).isEqualTo(this.original.id());
	}

	/**
	 * A customer the shop's server sent through the API with the original partner's code
	 * (bare codes stay valid there), referred at {@code at}.
	 */
	private ContactSummary customerReferredByOriginal(String email, Instant at) throws Exception {
		this.orders.postOrder("""
				{"orderId": "%s", "email": "%s", "firstName": "Carl", "lastName": "Customer", "referral": "%s",
				 "occurredAt": "%s", "currency": "USD", "items": [%s]}
				""".formatted(Fixtures.unique("o-"), email, this.original.code(), at,
				OrderFixtures.item(this.product.sku(), 1, "100.00")))
			.andExpect(status().isCreated());
		ContactSummary customer = this.contacts.findByEmail(email).orElseThrow();
		assertThat(customer.firstReferrerId()).isEqualTo(this.original.id());
		assertThat(customer.lastReferrerId()).isEqualTo(this.original.id());
		return customer;
	}

	/** The form, then the confirmation of its e-mail (double opt-in). */
	private ResultActions join(String email, String firstName, String lastName, String referral) throws Exception {
		ResultActions form = this.mvc.perform(post("/join").with(fromOwnAddress())
			.param("email", email)
			.param("firstName", firstName)
			.param("lastName", lastName)
			.param("referral", referral));
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
		return form;
	}

	/**
	 * The opt-in limit (30 a minute) is per address and shared by the test run: each test
	 * posts from its own.
	 */
	private RequestPostProcessor fromOwnAddress() {
		return request -> {
			request.setRemoteAddr(this.address);
			return request;
		};
	}

}
