package dev.partnerhub.partners;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@IntegrationTest
class PartnerConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

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
		this.program = this.fixtures.program("Console");
	}

	@Test
	void listFiltersByProgram() throws Exception {
		ProgramSummary other = this.fixtures.program("Elsewhere");
		PartnerSummary mine = this.fixtures.partner(this.program, "mine-" + Fixtures.unique());
		PartnerSummary theirs = this.fixtures.partner(other, "theirs-" + Fixtures.unique());
		this.mvc.perform(get("/admin/partners").param("program", String.valueOf(this.program.id())).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(mine.code())))
			.andExpect(content().string(not(containsString(theirs.code()))))
			.andExpect(content().string(containsString(this.program.name())));
	}

	@Test
	void listFiltersByStatus() throws Exception {
		PartnerSummary approved = this.fixtures.partner(this.program, "ok-" + Fixtures.unique());
		PartnerSummary suspended = this.fixtures.partner(this.program, "off-" + Fixtures.unique());
		this.partners.changeStatus(suspended.id(), PartnerStatus.SUSPENDED);
		this.mvc
			.perform(get("/admin/partners").param("program", String.valueOf(this.program.id()))
				.param("status", "suspended")
				.with(ADMIN))
			.andExpect(content().string(containsString(suspended.code())))
			.andExpect(content().string(not(containsString(approved.code()))));
		// a made-up status is ignored, not an error
		this.mvc
			.perform(get("/admin/partners").param("program", String.valueOf(this.program.id()))
				.param("status", "bogus")
				.with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(approved.code())));
	}

	@Test
	void listSearchesNameEmailAndCode() throws Exception {
		String marker = Fixtures.unique();
		ContactSummary named = this.contacts.create("plain-" + Fixtures.unique() + "@test.local", "Q" + marker,
				"Smith");
		PartnerSummary byName = enroll(named, null);
		ContactSummary mailed = this.contacts.create("m" + marker + "@test.local", "Other", "Person");
		PartnerSummary byEmail = enroll(mailed, null);
		PartnerSummary byCode = this.fixtures.partner(this.program, "c" + marker);
		PartnerSummary none = this.fixtures.partner(this.program, "zz-" + Fixtures.unique());
		this.mvc.perform(get("/admin/partners").param("q", marker.toUpperCase()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(byName.code())))
			.andExpect(content().string(containsString(byEmail.code())))
			.andExpect(content().string(containsString(byCode.code())))
			.andExpect(content().string(not(containsString(none.code()))));
		// LIKE wildcards are searched literally
		this.mvc.perform(
				get("/admin/partners").param("q", "%").param("program", String.valueOf(this.program.id())).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No partners match")));
	}

	@Test
	void listSortsByWhitelistedColumnsOnly() throws Exception {
		String suffix = Fixtures.unique();
		this.fixtures.partner(this.program, "bbb-" + suffix);
		this.fixtures.partner(this.program, "aaa-" + suffix);
		this.fixtures.partner(this.program, "ccc-" + suffix);
		assertThat(codesOnPage("code,asc")).containsExactly("aaa-" + suffix, "bbb-" + suffix, "ccc-" + suffix);
		assertThat(codesOnPage("code,desc")).containsExactly("ccc-" + suffix, "bbb-" + suffix, "aaa-" + suffix);
		// unknown property or SQL in the sort: default order (newest first), no error
		assertThat(codesOnPage("id;drop table partner,asc")).containsExactly("ccc-" + suffix, "aaa-" + suffix,
				"bbb-" + suffix);
		this.mvc.perform(get("/admin/partners").param("sort", "name,desc").param("size", "100000").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("aria-sort=\"descending\"")));
	}

	@Test
	void pageSizeIsCapped() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/admin/partners").param("size", "5000").param("page", "-3").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn();
		Page<?> rows = (Page<?>) result.getModelAndView().getModel().get("rows");
		assertThat(rows.getSize()).isEqualTo(100);
		assertThat(rows.getNumber()).isZero();
		// junk paging and sorting (page=abc was a 400) and a rollup key that is no chosen
		// column: the defaults, newest first
		MvcResult junk = this.mvc
			.perform(get("/admin/partners").param("page", "abc")
				.param("size", "%Px")
				.param("sort", "rollup:999999999,asc")
				.with(ADMIN))
			.andExpect(status().isOk())
			.andReturn();
		Page<?> defaults = (Page<?>) junk.getModelAndView().getModel().get("rows");
		assertThat(defaults.getSize()).isEqualTo(25);
		assertThat(defaults.getNumber()).isZero();
		assertThat(defaults.getSort()).isEqualTo(Sort.by(Sort.Direction.DESC, "createdAt"));
	}

	@Test
	void csvExportsEveryMatchingRow() throws Exception {
		ProgramSummary csvProgram = this.fixtures.program("Csv");
		for (int i = 0; i < 30; i++) {
			this.fixtures.partner(csvProgram, null);
		}
		PartnerSummary formula = this.fixtures.partner(csvProgram, "x-" + Fixtures.unique());
		// Free text keeps the formula guard; payout e-mails cannot start with = + - @ any
		// more (issue 14), so they
		// are written exactly.
		this.contacts.upsert(this.contacts.findById(formula.contactId()).orElseThrow().email(), "Pat", "=cmd");
		this.partners.update(formula.id(), null, null, null, "pay=cmd@test.local");
		String csv = this.mvc
			.perform(get("/admin/partners.csv").param("program", String.valueOf(csvProgram.id())).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).startsWith("code,first_name,last_name,email,program,status");
		assertThat(lines).hasSize(32); // header + all 31, though a page holds 25
		assertThat(csv).contains(csvProgram.name()).contains(",'=cmd,").contains(",pay=cmd@test.local,");
	}

	@Test
	void createsAPartnerFromTheForm() throws Exception {
		PartnerSummary parent = this.fixtures.partner(this.program, "dad-" + Fixtures.unique());
		String email = "new-" + Fixtures.unique() + "@test.local";
		String code = "new-" + Fixtures.unique();
		this.mvc
			.perform(post("/admin/partners/new").with(ADMIN)
				.with(csrf())
				.param("email", email)
				.param("firstName", "Nina")
				.param("lastName", "New")
				.param("programId", String.valueOf(this.program.id()))
				.param("code", code)
				.param("parentCode", parent.code().toUpperCase())
				.param("payoutEmail", "pay-" + email)
				.param("status", "pending"))
			.andExpect(redirectedUrlPattern("/admin/partners/*"))
			.andExpect(flash().attribute("message", containsString(code)));
		PartnerSummary created = this.partners.findByCode(code).orElseThrow();
		assertThat(created.status()).isEqualTo(PartnerStatus.PENDING);
		assertThat(created.parentId()).isEqualTo(parent.id());
		assertThat(this.contacts.findById(created.contactId()).orElseThrow().email()).isEqualTo(email);

		this.mvc.perform(get("/admin/partners/{id}", parent.id()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(code)))
			.andExpect(content().string(containsString("Nina New")));
	}

	@Test
	void theFormShowsErrorsBesideTheFields() throws Exception {
		String taken = "taken-" + Fixtures.unique();
		this.fixtures.partner(this.program, taken);
		this.mvc
			.perform(post("/admin/partners/new").with(ADMIN)
				.with(csrf())
				.param("email", "dup-" + Fixtures.unique() + "@test.local")
				.param("programId", String.valueOf(this.program.id()))
				.param("code", taken.toUpperCase())
				.param("status", "approved"))
			.andExpect(status().isOk())
			.andExpect(view().name("partners/new"))
			.andExpect(model().attributeHasFieldErrors("partnerForm", "code"))
			.andExpect(content().string(containsString("is taken")))
			.andExpect(content().string(containsString("id=\"code-error\"")));
		this.mvc
			.perform(post("/admin/partners/new").with(ADMIN)
				.with(csrf())
				.param("email", "not-an-email")
				.param("code", "a")
				.param("password", "short")
				.param("status", "weird"))
			.andExpect(status().isOk())
			.andExpect(
					model().attributeHasFieldErrors("partnerForm", "email", "programId", "code", "password", "status"));
		this.mvc
			.perform(post("/admin/partners/new").with(ADMIN)
				.with(csrf())
				.param("email", "orphan-" + Fixtures.unique() + "@test.local")
				.param("programId", String.valueOf(this.program.id()))
				.param("parentCode", "nobody-" + Fixtures.unique())
				.param("status", "approved"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("partnerForm", "parentCode"));
		this.mvc
			.perform(post("/admin/partners/new").with(ADMIN)
				.with(csrf())
				.param("email", "noprog-" + Fixtures.unique() + "@test.local")
				.param("programId", "-5")
				.param("status", "approved"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("partnerForm", "programId"));
	}

	@Test
	void editsCodeParentPayoutAndProgram() throws Exception {
		PartnerSummary parent = this.fixtures.partner(this.program, null);
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		ProgramSummary other = this.fixtures.program("Moved");
		String code = "edited-" + Fixtures.unique();
		this.mvc.perform(get("/admin/partners/{id}/edit", partner.id()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(partner.code())));
		this.mvc
			.perform(post("/admin/partners/{id}/edit", partner.id()).with(ADMIN)
				.with(csrf())
				.param("code", code)
				.param("status", "suspended")
				.param("parentCode", parent.code())
				.param("payoutEmail", "pp@test.local")
				.param("programId", String.valueOf(other.id())))
			.andExpect(redirectedUrl("/admin/partners/" + partner.id()));
		PartnerSummary saved = this.partners.findById(partner.id()).orElseThrow();
		assertThat(saved.code()).isEqualTo(code);
		assertThat(saved.status()).isEqualTo(PartnerStatus.SUSPENDED);
		assertThat(saved.parentId()).isEqualTo(parent.id());
		assertThat(saved.payoutEmail()).isEqualTo("pp@test.local");
		assertThat(saved.programId()).isEqualTo(other.id());

		// the parent may not become his own child's child
		this.mvc
			.perform(post("/admin/partners/{id}/edit", parent.id()).with(ADMIN)
				.with(csrf())
				.param("code", parent.code())
				.param("status", "approved")
				.param("parentCode", code)
				.param("programId", String.valueOf(this.program.id())))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("partnerEditForm", "parentCode"))
			.andExpect(content().string(containsString("cycle")));
	}

	@Test
	void approveAndSuspendButtons() throws Exception {
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		this.mvc.perform(post("/admin/partners/{id}/suspend", partner.id()).with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/admin/partners/" + partner.id()));
		assertThat(this.partners.findById(partner.id()).orElseThrow().status()).isEqualTo(PartnerStatus.SUSPENDED);
		this.mvc.perform(get("/admin/partners/{id}", partner.id()).with(ADMIN))
			.andExpect(content().string(containsString("Approve")));
		this.mvc.perform(post("/admin/partners/{id}/approve", partner.id()).with(ADMIN).with(csrf()))
			.andExpect(redirectedUrl("/admin/partners/" + partner.id()));
		assertThat(this.partners.findById(partner.id()).orElseThrow().status()).isEqualTo(PartnerStatus.APPROVED);
	}

	@Test
	void unknownPartnerIsA404Page() throws Exception {
		this.mvc.perform(get("/admin/partners/{id}", Long.MAX_VALUE).with(ADMIN))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Not found")));
		this.mvc.perform(get("/admin/partners/{id}/edit", Long.MAX_VALUE).with(ADMIN)).andExpect(status().isNotFound());
		this.mvc.perform(post("/admin/partners/{id}/approve", Long.MAX_VALUE).with(ADMIN).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/partners/not-a-number").with(ADMIN)).andExpect(status().is4xxClientError());
	}

	@Test
	void partnersMayNotUseTheConsoleAndFormsNeedCsrf() throws Exception {
		this.mvc.perform(get("/admin/partners").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/partners.csv").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		PartnerSummary partner = this.fixtures.partner(this.program, null);
		this.mvc.perform(post("/admin/partners/{id}/suspend", partner.id()).with(ADMIN))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/partners/new").with(ADMIN).param("email", "x@test.local"))
			.andExpect(status().isForbidden());
		assertThat(this.partners.findById(partner.id()).orElseThrow().status()).isEqualTo(PartnerStatus.APPROVED);
	}

	@Test
	void newPartnerPageRenders() throws Exception {
		this.mvc.perform(get("/admin/partners/new").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<label class=\"form-label\" for=\"programId\">")))
			.andExpect(content().string(containsString(this.program.name())));
	}

	private PartnerSummary enroll(ContactSummary contact, String code) {
		return this.partners.enroll(new Enrollment(contact.id(), this.program.id(), code, null, null, null, null));
	}

	private List<String> codesOnPage(String sort) throws Exception {
		MvcResult result = this.mvc
			.perform(get("/admin/partners").param("program", String.valueOf(this.program.id()))
				.param("sort", sort)
				.with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(startsWith("<!DOCTYPE html>")))
			.andReturn();
		Page<?> rows = (Page<?>) result.getModelAndView().getModel().get("rows");
		return rows.getContent().stream().map(row -> ((dev.partnerhub.partners.domain.PartnerRow) row).code()).toList();
	}

}
