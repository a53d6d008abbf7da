package dev.partnerhub.partners;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PartnerApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	ProgramService programService;

	Fixtures fixtures;

	ProgramSummary program;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.programService, this.contacts, this.partners);
		this.program = this.fixtures.program("Api");
	}

	@Test
	void needsAnApiKey() throws Exception {
		this.mvc.perform(post("/api/v1/partners").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/partners")).andExpect(status().isUnauthorized());
	}

	@Test
	void createsAPartner() throws Exception {
		PartnerSummary parent = this.fixtures.partner(this.program, null);
		String email = "api-" + Fixtures.unique() + "@test.local";
		String code = "Api-" + Fixtures.unique();
		create("""
				{"email": "%s", "firstName": "Ada", "lastName": "Api", "program": "%s", "code": "%s",
				 "parentCode": "%s", "payoutEmail": "pay@test.local"}
				""".formatted(email, this.program.name().toUpperCase(), code, parent.code()))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/partners/" + code))
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.email").value(email))
			.andExpect(jsonPath("$.firstName").value("Ada"))
			.andExpect(jsonPath("$.lastName").value("Api"))
			.andExpect(jsonPath("$.program").value(this.program.name()))
			.andExpect(jsonPath("$.status").value("approved"))
			.andExpect(jsonPath("$.parentCode").value(parent.code()))
			.andExpect(jsonPath("$.payoutEmail").value("pay@test.local"))
			.andExpect(jsonPath("$.createdAt").value(matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z")));

		this.mvc
			.perform(get("/api/v1/partners/{code}", code.toLowerCase()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(code));
	}

	@Test
	void minimalCreateGeneratesTheCodeAndHonoursStatus() throws Exception {
		create("""
				{"email": "min-%s@test.local", "program": "%s", "status": "PENDING"}
				""".formatted(Fixtures.unique(), this.program.name())).andExpect(status().isCreated())
			.andExpect(jsonPath("$.code").value(matchesPattern("[a-z0-9-]+")))
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.parentCode").value(nullValue()));
	}

	@Test
	void badRequestsAre400Problems() throws Exception {
		String email = "bad-" + Fixtures.unique() + "@test.local";
		create("""
				{"email": "%s", "program": "%s", "nickname": "x"}
				""".formatted(email, this.program.name())).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString("nickname")));
		create("""
				{"email": "%s", "program": "No such program %s"}
				""".formatted(email, Fixtures.unique())).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("program"));
		create("""
				{"email": "%s", "program": "%s", "parentCode": "nobody-%s"}
				""".formatted(email, this.program.name(), Fixtures.unique())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("parent"));
		create("""
				{"email": "%s", "program": "%s", "status": "boss"}
				""".formatted(email, this.program.name())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		create("""
				{"email": "not-an-email", "program": "%s"}
				""".formatted(this.program.name())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("email"));
		create("""
				{"email": "%s", "program": "%s", "password": "short"}
				""".formatted(email, this.program.name())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("password"));
		create("""
				{"email": "%s", "program": "%s", "code": "no spaces"}
				""".formatted(email, this.program.name())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		create("not json").andExpect(status().isBadRequest());
		// none of the refused requests left a contact behind
		assertThat(this.contacts.findByEmail(email)).isEmpty();
	}

	@Test
	void conflictsAre409() throws Exception {
		PartnerSummary taken = this.fixtures.partner(this.program, "tk-" + Fixtures.unique());
		create("""
				{"email": "c-%s@test.local", "program": "%s", "code": "%s"}
				""".formatted(Fixtures.unique(), this.program.name(), taken.code().toUpperCase()))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		String email = this.contacts.findById(taken.contactId()).orElseThrow().email();
		create("""
				{"email": "%s", "program": "%s"}
				""".formatted(email, this.program.name())).andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors[0].field").value("contact"));
	}

	@Test
	void movesAPartnerToAnotherProgram() throws Exception {
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		ProgramSummary gold = this.fixtures.program("Gold");
		this.mvc
			.perform(put("/api/v1/partners/{code}/program", partner.code())
				.header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"%s\"}".formatted(gold.name())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.code").value(partner.code()))
			.andExpect(jsonPath("$.program").value(gold.name()));
		assertThat(this.partners.findById(partner.id()).orElseThrow().programId()).isEqualTo(gold.id());

		this.mvc
			.perform(put("/api/v1/partners/{code}/program", "nobody-" + Fixtures.unique())
				.header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"%s\"}".formatted(gold.name())))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc
			.perform(put("/api/v1/partners/{code}/program", partner.code())
				.header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"Nope %s\"}".formatted(Fixtures.unique())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("program"));
		this.mvc.perform(get("/api/v1/partners/{code}", "nobody-" + Fixtures.unique()).header("Authorization",
				IntegrationTest.BEARER))
			.andExpect(status().isNotFound());
	}

	@Test
	void listsPartnersByProgramAndStatusInPages() throws Exception {
		ProgramSummary listed = this.fixtures.program("Listed");
		PartnerSummary a = this.fixtures.partner(listed, null);
		PartnerSummary b = this.fixtures.partner(listed, null);
		PartnerSummary c = this.fixtures.partner(listed, null);
		this.partners.changeStatus(c.id(), PartnerStatus.SUSPENDED);
		this.mvc
			.perform(get("/api/v1/partners").param("program", listed.name())
				.param("status", "approved")
				.param("size", "1")
				.header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].code").value(a.code()));
		this.mvc
			.perform(get("/api/v1/partners").param("program", listed.name())
				.param("status", "approved")
				.param("size", "1")
				.param("page", "1")
				.header("Authorization", IntegrationTest.BEARER))
			.andExpect(jsonPath("$.items[0].code").value(b.code()));
		this.mvc
			.perform(get("/api/v1/partners").param("status", "zombie").header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(get("/api/v1/partners").param("program", "Nope " + Fixtures.unique())
				.header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isBadRequest());
	}

	private ResultActions create(String json) throws Exception {
		return this.mvc.perform(post("/api/v1/partners").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
