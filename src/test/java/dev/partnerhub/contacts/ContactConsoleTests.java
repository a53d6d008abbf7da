package dev.partnerhub.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.partnerhub.contacts.TestPartners.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ContactConsoleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ContactService contacts;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	AccountApi accounts;

	@Autowired
	JdbcTemplate jdbc;

	// --- list

	@Test
	void searchFindsByNameAndByEmail() throws Exception {
		String token = unique("srch");
		ContactSummary byName = this.contacts.create(unique("a") + "@example.com", "Greta", "Garbo" + token);
		ContactSummary byEmail = this.contacts.create(token + "@example.com", "Other", "Person");
		ContactSummary unrelated = this.contacts.create(unique("b") + "@example.com", "Not", "Matching");

		String page = admin(get("/admin/contacts").param("q", token.toUpperCase()));
		assertThat(page).contains(byName.email(), byEmail.email()).doesNotContain(unrelated.email());

		// Full name "first last" matches too.
		assertThat(admin(get("/admin/contacts").param("q", "greta garbo" + token))).contains(byName.email())
			.doesNotContain(byEmail.email());
	}

	@Test
	void emptySearchShowsEmptyState() throws Exception {
		assertThat(admin(get("/admin/contacts").param("q", unique("nobody")))).contains("No contacts match")
			.doesNotContain("<table");
	}

	@Test
	void sortsByNameEmailAndDateBothWays() throws Exception {
		String token = unique("sort");
		// Last names order b < c < d, e-mails order the other way round, dates in
		// creation order.
		ContactSummary first = this.contacts.create("z" + token + "@example.com", "Amy", "b" + token);
		ContactSummary second = this.contacts.create("y" + token + "@example.com", "Bob", "C" + token);
		ContactSummary third = this.contacts.create("x" + token + "@example.com", "Cy", "d" + token);

		assertOrder(list(token, "name,asc"), first, second, third);
		assertOrder(list(token, "name,desc"), third, second, first);
		assertOrder(list(token, "email,asc"), third, second, first);
		assertOrder(list(token, "dateAdded,asc"), first, second, third);
		assertOrder(list(token, "dateAdded,desc"), third, second, first);
		// Unknown sort properties fall back to the default (newest first) instead of
		// failing.
		assertOrder(list(token, "password,asc"), third, second, first);
		assertOrder(list(token, "lastName);drop table contact;--"), third, second, first);
		// The active column is announced to screen readers.
		assertThat(list(token, "name,desc")).contains("aria-sort=\"descending\"");
	}

	@Test
	void paginatesWithSizeCap() throws Exception {
		String token = unique("page");
		List<ContactSummary> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(this.contacts.create(token + i + "@example.com", "P", "Member" + i));
		}
		String page = admin(get("/admin/contacts").param("q", token)
			.param("sort", "email,asc")
			.param("size", "2")
			.param("page", "2"));
		assertThat(page).contains(created.get(4).email())
			.doesNotContain(created.get(0).email(), created.get(3).email())
			.contains("Showing 5–5 of 5");
		// Page links keep the search.
		assertThat(page).contains("q=" + token);

		this.mvc.perform(get("/admin/contacts").param("size", "100000").with(admin()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("contacts",
					org.hamcrest.Matchers.hasProperty("size", org.hamcrest.Matchers.is(200))));
		this.mvc.perform(get("/admin/contacts").param("page", "-3").param("size", "0").with(admin()))
			.andExpect(status().isOk());
		// Far past the end: an empty page, not an offset overflow.
		assertThat(admin(get("/admin/contacts").param("q", token).param("page", "2147483647")))
			.doesNotContain(created.get(0).email());
		// junk paging and sorting is the default (was a 400 for page=abc), never a 500; a
		// rollup key that is not a chosen column is the default sort too
		this.mvc
			.perform(get("/admin/contacts").param("q", token)
				.param("page", "abc")
				.param("size", "x")
				.param("sort", "%Px,desc")
				.with(admin()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("contacts",
					org.hamcrest.Matchers.hasProperty("number", org.hamcrest.Matchers.is(0))))
			.andExpect(model().attribute("contacts",
					org.hamcrest.Matchers.hasProperty("size", org.hamcrest.Matchers.is(25))));
		String unknownRollup = admin(get("/admin/contacts").param("q", token).param("sort", "rollup:999999999,asc"));
		assertThat(unknownRollup.indexOf(created.get(4).email()))
			.isLessThan(unknownRollup.indexOf(created.get(0).email()));
		assertThat(unknownRollup).contains("aria-sort=\"descending\"").doesNotContain("aria-sort=\"ascending\"");
	}

	@Test
	void csvExportsAllMatchesWithHeaderReferrerCodesAndFormulaEscaping() throws Exception {
		String token = unique("csv");
		PartnerSummary partner = TestPartners.partner(this.contacts, this.programs, this.partners);
		ContactSummary referred = this.contacts.create(token + "a@example.com", "=HYPERLINK(\"http://evil\")",
				"Smith, Jr");
		this.contacts.recordReferral(referred.id(), partner.id(), Instant.parse("2026-01-02T03:04:05Z"));
		this.contacts.create(token + "b@example.com", "Plain", "Person");

		var response = this.mvc
			.perform(get("/admin/contacts.csv").param("q", token).param("sort", "email,asc").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andExpect(header().string("Content-Disposition", containsString("attachment")))
			.andReturn()
			.getResponse();
		List<String> lines = response.getContentAsString().lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).isEqualTo("id,email,first name,last name,date added,first referrer code,"
				+ "first referred at,last referrer code,last referred at");
		assertThat(lines.get(1)).startsWith(referred.id() + "," + referred.email() + ",")
			.contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", "\"Smith, Jr\"")
			.endsWith("," + partner.code() + ",2026-01-02T03:04:05Z," + partner.code() + ",2026-01-02T03:04:05Z");
		assertThat(lines.get(2)).contains(token + "b@example.com,Plain,Person,").endsWith(",,,,");
	}

	@Test
	void csvStreamsEveryMatchAcrossBatches() throws Exception {
		String token = unique("bulk");
		int count = 1_234; // more than two export batches
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { token + String.format("%05d", i) + "@example.com", "Bulk", "Row" + i,
					Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")) });
		}
		this.jdbc.batchUpdate("insert into contact (email, first_name, last_name, date_added) values (?, ?, ?, ?)",
				rows);

		String csv = this.mvc
			.perform(get("/admin/contacts.csv").param("q", token).param("sort", "dateAdded,asc").with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> lines = csv.lines().skip(1).toList();
		assertThat(lines).hasSize(count);
		assertThat(lines.stream().map(line -> line.split(",")[1]).distinct()).hasSize(count);
	}

	// --- create and edit

	@Test
	void createValidatesBesideTheFields() throws Exception {
		this.mvc
			.perform(post("/admin/contacts/new").param("email", "not-an-email")
				.param("firstName", "x".repeat(101))
				.param("lastName", "")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("contactForm", "email", "firstName"))
			.andExpect(content().string(containsString("id=\"email-error\"")))
			.andExpect(content().string(containsString("Enter a valid e-mail address.")))
			.andExpect(content().string(containsString("First name can have at most 100 characters.")));
		this.mvc.perform(post("/admin/contacts/new").param("email", "").with(admin()).with(csrf()))
			.andExpect(model().attributeHasFieldErrors("contactForm", "email"))
			.andExpect(content().string(containsString("E-mail is required.")));
	}

	@Test
	void createRedirectsToTheContactWithAFlashMessage() throws Exception {
		String email = unique("new") + "@example.com";
		String location = this.mvc
			.perform(post("/admin/contacts/new").param("email", " " + email + " ")
				.param("firstName", "New")
				.param("lastName", "Person")
				.with(admin())
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", containsString(email)))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		ContactSummary created = this.contacts.findByEmail(email).orElseThrow();
		assertThat(location).isEqualTo("/admin/contacts/" + created.id());
		assertThat(created.firstName()).isEqualTo("New");
	}

	@Test
	void duplicateEmailInAnyCaseIsAFieldError() throws Exception {
		ContactSummary existing = this.contacts.create(unique("Dup") + "@Example.com", "A", "B");
		this.mvc.perform(
				post("/admin/contacts/new").param("email", existing.email().toLowerCase()).with(admin()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("contactForm", "email", "conflict"))
			.andExpect(content().string(containsString("already exists")));

		ContactSummary other = this.contacts.create(unique("other") + "@example.com", "C", "D");
		this.mvc
			.perform(post("/admin/contacts/{id}/edit", other.id()).param("email", existing.email().toUpperCase())
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("contactForm", "email", "conflict"));
		assertThat(this.contacts.findById(other.id()).orElseThrow().email()).isEqualTo(other.email());
	}

	@Test
	void editSavesAndKeepsTheLoginEmailInStep() throws Exception {
		PartnerSummary partner = TestPartners.partner(this.contacts, this.programs, this.partners);
		ContactSummary contact = this.contacts.findById(partner.contactId()).orElseThrow();
		this.accounts.createPartnerLogin(contact.id(), contact.email(), "partner-password-1");
		String newEmail = unique("moved") + "@example.com";

		this.mvc.perform(get("/admin/contacts/{id}/edit", contact.id()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"" + contact.email() + "\"")));
		this.mvc
			.perform(post("/admin/contacts/{id}/edit", contact.id()).param("email", newEmail)
				.param("firstName", "Renamed")
				.param("lastName", "Partner")
				.with(admin())
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/contacts/" + contact.id()))
			.andExpect(flash().attribute("message", "Contact saved."));

		ContactSummary saved = this.contacts.findById(contact.id()).orElseThrow();
		assertThat(saved.email()).isEqualTo(newEmail);
		assertThat(saved.name()).isEqualTo("Renamed Partner");
		assertThat(this.accounts.hasLogin(newEmail)).isTrue();
		assertThat(this.accounts.hasLogin(contact.email())).isFalse();
	}

	@Test
	void editToAnEmailAnotherLoginUsesIsAFieldErrorNotA500() throws Exception {
		PartnerSummary partner = TestPartners.partner(this.contacts, this.programs, this.partners);
		ContactSummary contact = this.contacts.findById(partner.contactId()).orElseThrow();
		this.accounts.createPartnerLogin(contact.id(), contact.email(), "partner-password-1");

		this.mvc
			.perform(post("/admin/contacts/{id}/edit", contact.id()).param("email", "admin@test.local")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("contactForm", "email", "conflict"));
		assertThat(this.contacts.findById(contact.id()).orElseThrow().email()).isEqualTo(contact.email());
		assertThat(this.accounts.hasLogin(contact.email())).isTrue();
	}

	@Test
	void detailsShowReferrersAndLinkToTheReferralTab() throws Exception {
		PartnerSummary first = TestPartners.partner(this.contacts, this.programs, this.partners);
		PartnerSummary last = TestPartners.partner(this.contacts, this.programs, this.partners);
		ContactSummary contact = this.contacts.create(unique("details") + "@example.com", "Dee", "Tails");
		this.contacts.recordReferral(contact.id(), first.id(), Instant.parse("2026-03-01T10:00:00Z"));
		this.contacts.recordReferral(contact.id(), last.id(), Instant.parse("2026-04-01T11:30:00Z"));

		assertThat(admin(get("/admin/contacts/{id}", contact.id()))).contains(contact.email(), "Dee Tails")
			.contains(first.code(), "2026-03-01 10:00", last.code(), "2026-04-01 11:30")
			.contains("href=\"/admin/contacts/" + contact.id() + "/referral\"")
			.contains("nav-tabs");
		// The list shows the last referrer.
		assertThat(admin(get("/admin/contacts").param("q", contact.email()))).contains(last.code())
			.doesNotContain(first.code());
	}

	@Test
	void unknownContactIs404Page() throws Exception {
		for (String path : List.of("/admin/contacts/{id}", "/admin/contacts/{id}/edit")) {
			this.mvc.perform(get(path, Long.MAX_VALUE).with(admin()))
				.andExpect(status().isNotFound())
				.andExpect(content().string(containsString("Contact not found")));
		}
		this.mvc
			.perform(post("/admin/contacts/{id}/edit", Long.MAX_VALUE).param("email", "x@example.com")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/contacts/abc").with(admin())).andExpect(status().isBadRequest());
	}

	// --- security

	@Test
	void postsNeedCsrf() throws Exception {
		String email = unique("csrf") + "@example.com";
		this.mvc.perform(post("/admin/contacts/new").param("email", email).with(admin()))
			.andExpect(status().isForbidden());
		assertThat(this.contacts.findByEmail(email)).isEmpty();
	}

	@Test
	void partnersMayNotOpenContacts() throws Exception {
		var partner = user("p@test.local").roles("PARTNER");
		this.mvc.perform(get("/admin/contacts").with(partner)).andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/contacts.csv").with(partner)).andExpect(status().isForbidden());
		this.mvc
			.perform(
					post("/admin/contacts/new").param("email", unique("x") + "@example.com").with(partner).with(csrf()))
			.andExpect(status().isForbidden());
	}

	private String list(String q, String sort) throws Exception {
		return admin(get("/admin/contacts").param("q", q).param("sort", sort));
	}

	private static void assertOrder(String page, ContactSummary... expected) {
		int previous = -1;
		for (ContactSummary contact : expected) {
			int at = page.indexOf(contact.email());
			assertThat(at).as("position of %s", contact.email()).isGreaterThan(previous);
			previous = at;
		}
	}

	private String admin(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

}
