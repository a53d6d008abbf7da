package dev.partnerhub.contacts;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static dev.partnerhub.contacts.TestPartners.unique;

@IntegrationTest
class ContactApiTests {

	private static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

	@Autowired
	MockMvc mvc;

	@Autowired
	ContactService contacts;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Test
	void withoutApiKeyIs401Problem() throws Exception {
		this.mvc.perform(post("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(get("/api/v1/contacts").param("email", "x@example.com")).andExpect(status().isUnauthorized());
	}

	@Test
	void unknownFieldIs400Problem() throws Exception {
		send("{\"email\":\"%s\",\"firstName\":\"A\",\"lastName\":\"B\",\"nickname\":\"x\"}".formatted(email()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value("Unknown field 'nickname'."));
	}

	@Test
	void invalidEmailIs400ProblemNamingTheField() throws Exception {
		send("{\"email\":\"not-an-email\",\"firstName\":\"A\",\"lastName\":\"B\"}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("email")));
		send("{\"firstName\":\"A\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("email")));
		send("{\"email\":\"%s\",\"lastName\":\"%s\"}".formatted(email(), "x".repeat(101)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItem("lastName")));
	}

	@Test
	void malformedJsonIs400NotA500() throws Exception {
		send("{\"email\":").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		send("[1,2]").andExpect(status().isBadRequest());
	}

	@Test
	void upsertCreatesWith201ThenUpdatesWith200() throws Exception {
		String email = email();
		String id = this.mvc
			.perform(post("/api/v1/contacts").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"%s\",\"firstName\":\"Ann\",\"lastName\":\"Lee\"}".formatted(email)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.email").value(email))
			.andExpect(jsonPath("$.firstName").value("Ann"))
			.andExpect(jsonPath("$.dateAdded").value(matchesPattern(ISO_INSTANT)))
			.andExpect(jsonPath("$.firstReferrer").value(nullValue()))
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"id\":(\\d+).*", "$1");

		// Same e-mail in other case: the same contact, names updated, blank name kept.
		send("{\"email\":\"%s\",\"firstName\":\"Annie\",\"lastName\":\"\"}".formatted(email.toUpperCase()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(Long.parseLong(id)))
			.andExpect(jsonPath("$.firstName").value("Annie"))
			.andExpect(jsonPath("$.lastName").value("Lee"));
	}

	@Test
	void referralSetsFirstAndLastThenAnotherPartnerMovesOnlyLast() throws Exception {
		PartnerSummary first = partner();
		PartnerSummary second = partner();
		String email = email();

		send(body(email, first.code())).andExpect(status().isCreated())
			.andExpect(jsonPath("$.firstReferrer").value(first.code()))
			.andExpect(jsonPath("$.lastReferrer").value(first.code()))
			.andExpect(jsonPath("$.firstReferredAt").value(matchesPattern(ISO_INSTANT)))
			.andExpect(jsonPath("$.lastReferredAt").value(matchesPattern(ISO_INSTANT)));
		ContactSummary before = this.contacts.findByEmail(email).orElseThrow();

		// Codes are case-insensitive.
		send(body(email, second.code().toUpperCase())).andExpect(status().isOk())
			.andExpect(jsonPath("$.firstReferrer").value(first.code()))
			.andExpect(jsonPath("$.lastReferrer").value(second.code()));
		ContactSummary after = this.contacts.findByEmail(email).orElseThrow();
		assertThat(after.firstReferredAt()).isEqualTo(before.firstReferredAt());
		assertThat(after.lastReferredAt()).isAfterOrEqualTo(before.lastReferredAt());
		assertThat(after.firstReferrerId()).isEqualTo(first.id());
		assertThat(after.lastReferrerId()).isEqualTo(second.id());
	}

	@Test
	void unknownOrBlankReferralStillSavesTheContactWithoutAttribution() throws Exception {
		String email = email();
		send(body(email, "no-such-partner-code")).andExpect(status().isCreated())
			.andExpect(jsonPath("$.email").value(email))
			.andExpect(jsonPath("$.firstReferrer").value(nullValue()))
			.andExpect(jsonPath("$.lastReferrer").value(nullValue()));
		send(body(email, " ")).andExpect(status().isOk()).andExpect(jsonPath("$.lastReferrer").value(nullValue()));
	}

	@Test
	void partnerReferringHimselfIsIgnored() throws Exception {
		PartnerSummary partner = partner();
		String ownEmail = this.contacts.findById(partner.contactId()).orElseThrow().email();
		send(body(ownEmail, partner.code())).andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(partner.contactId()))
			.andExpect(jsonPath("$.firstReferrer").value(nullValue()))
			.andExpect(jsonPath("$.lastReferrer").value(nullValue()));
		assertThat(this.contacts.findById(partner.contactId()).orElseThrow().lastReferrerId()).isNull();
	}

	@Test
	void getByEmailFindsTheContactWithReferrerCodes() throws Exception {
		PartnerSummary partner = partner();
		String email = email();
		send(body(email, partner.code())).andExpect(status().isCreated());

		this.mvc
			.perform(get("/api/v1/contacts").param("email", email.toUpperCase())
				.header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value(email))
			.andExpect(jsonPath("$.firstReferrer").value(partner.code()))
			.andExpect(jsonPath("$.lastReferrer").value(partner.code()));
		this.mvc
			.perform(get("/api/v1/contacts").param("email", email()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void getByIdAndUnknownIdIs404() throws Exception {
		ContactSummary contact = this.contacts.create(email(), "Id", "Lookup");
		this.mvc.perform(get("/api/v1/contacts/{id}", contact.id()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value(contact.email()));
		this.mvc.perform(get("/api/v1/contacts/{id}", Long.MAX_VALUE).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(get("/api/v1/contacts/abc").header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isBadRequest());
	}

	@Test
	void listPagesAndSearches() throws Exception {
		String token = unique("apilist");
		for (int i = 0; i < 3; i++) {
			this.contacts.create(token + i + "@example.com", "List", "Member" + i);
		}
		this.mvc
			.perform(get("/api/v1/contacts").param("q", token)
				.param("size", "2")
				.param("page", "1")
				.header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].email").value(token + "2@example.com"));
		this.mvc
			.perform(get("/api/v1/contacts").param("size", "100000").header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(200));
		this.mvc
			.perform(get("/api/v1/contacts").param("q", token)
				.param("page", "2147483647")
				.header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(0))
			.andExpect(jsonPath("$.total").value(3));
		this.mvc
			.perform(get("/api/v1/contacts").param("q", token)
				.param("size", "not-a-number")
				.header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.items").doesNotExist());
	}

	private ResultActions send(String json) throws Exception {
		return this.mvc.perform(post("/api/v1/contacts").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	private static String body(String email, String referral) {
		return "{\"email\":\"%s\",\"firstName\":\"Ref\",\"lastName\":\"Erred\",\"referral\":\"%s\"}".formatted(email,
				referral);
	}

	private PartnerSummary partner() {
		return TestPartners.partner(this.contacts, this.programs, this.partners);
	}

	private static String email() {
		return unique("api") + "@example.com";
	}

}
