package dev.partnerhub.mail;

import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.domain.MailTemplate;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.merge.MergeText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TemplateConsoleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	MailTemplates templates;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSaveOverAnotherAdminsChangeAnswers409AndKeepsWhatWasTyped() throws Exception {
		MailTemplate loaded = this.templates.create(unique("stale-"), "Original", "Hello", "Hi {{firstName}}");
		// the edit form carries the version it was loaded with
		this.mvc.perform(get("/admin/templates/{id}", loaded.id()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"" + loaded.version() + "\"")));
		// another admin saves in between
		this.templates.update(loaded.id(), loaded.key(), "Theirs", "Hello", "Hi {{firstName}}", loaded.version());
		this.mvc
			.perform(post("/admin/templates/{id}", loaded.id()).param("key", loaded.key())
				.param("name", "Mine typed")
				.param("subject", "My subject")
				.param("body", "My body {{firstName}}")
				.param("version", String.valueOf(loaded.version()))
				.with(admin())
				.with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else saved this template meanwhile")))
			.andExpect(content().string(containsString("Mine typed")))
			.andExpect(content().string(containsString("My body {{firstName}}")));
		MailTemplate stored = this.templates.get(loaded.id());
		assertThat(stored.name()).isEqualTo("Theirs");
		assertThat(stored.version()).isEqualTo(loaded.version() + 1);
		// with the current version the save goes through
		this.mvc
			.perform(post("/admin/templates/{id}", loaded.id()).param("key", loaded.key())
				.param("name", "Mine typed")
				.param("subject", "My subject")
				.param("body", "My body {{firstName}}")
				.param("version", String.valueOf(stored.version()))
				.with(admin())
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.templates.get(loaded.id()).name()).isEqualTo("Mine typed");
		assertThat(this.templates.get(loaded.id()).version()).isEqualTo(stored.version() + 1);
	}

	@Test
	void theAggregateRoundTripsAndKeysAreUniqueInAnyCase() {
		String key = unique("round-");
		MailTemplate created = this.templates.create(key.toUpperCase(java.util.Locale.ROOT), " Name ", " Subject ",
				"Body {{firstName}}");
		MailTemplate found = this.templates.find(" " + key.toUpperCase(java.util.Locale.ROOT) + " ").orElseThrow();
		assertThat(found.id()).isEqualTo(created.id());
		assertThat(found.key()).isEqualTo(key);
		assertThat(found.name()).isEqualTo("Name");
		assertThat(found.subject()).isEqualTo("Subject");
		assertThat(found.body()).isEqualTo("Body {{firstName}}");
		assertThat(found.system()).isFalse();
		assertThat(found.version()).isZero();
		assertThat(found.updatedAt()).isNotNull();
		assertThatThrownBy(() -> this.templates.create(key, "Other", "Subject", "Body"))
			.isInstanceOf(dev.partnerhub.support.ConflictException.class)
			.hasMessageContaining("exists already");
		// a system template keeps its key and its flag when edited
		MailTemplate system = this.templates.find("password-reset").orElseThrow();
		MailTemplate edited = this.templates.update(system.id(), "renamed-" + key, system.name(), system.subject(),
				system.body());
		assertThat(edited.key()).isEqualTo("password-reset");
		assertThat(edited.system()).isTrue();
		assertThat(this.templates.get(system.id()).system()).isTrue();
	}

	@Test
	void previewRendersARealPartnersValuesWithoutSaving() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 2);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "O'Brien");
		this.mvc.perform(post("/admin/templates/new").param("key", unique("preview-"))
			.param("name", "Preview")
			.param("subject", "Hello {{firstName}}")
			.param("body",
					"Link: {{referralLink}}\nSign-up: {{signupLink}}\n{{#if hasPromoTools}}tools{{/if}}Pending {{pendingTotal}} {{currency}}")
			.param("previewPartner", partner.code())
			.param("action", "preview")
			.with(admin())
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeExists("preview"))
			.andExpect(content().string(containsString("Hello O&#39;Brien"))) // escaped
																				// once,
																				// by the
																				// console
																				// page
			.andExpect(content().string(containsString("Link: http://localhost:8080/r/" + partner.code())))
			.andExpect(content().string(containsString(
					"/partners/signup/" + this.programs.slugOf(program.id()).orElseThrow() + "?ref=" + partner.code())))
			.andExpect(content().string(containsString("Pending 0.00 USD")));
		assertThat(this.templates.all()).noneMatch(t -> t.name().equals("Preview"));
	}

	@Test
	void createEditAndListTemplates() throws Exception {
		String key = unique("edit-");
		this.mvc
			.perform(post("/admin/templates/new").param("key", key)
				.param("name", "Tips")
				.param("subject", "Tips for {{firstName}}")
				.param("body", "Hello {{firstName}}")
				.with(admin())
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/admin/templates/*"));
		long id = this.templates.find(key).orElseThrow().id();
		this.mvc
			.perform(post("/admin/templates/{id}", id).param("key", key)
				.param("name", "Tips 2")
				.param("subject", "More tips")
				.param("body", "Hi {{firstName}}")
				.with(admin())
				.with(csrf()))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
				.redirectedUrl("/admin/templates/" + id));
		assertThat(this.templates.get(id).name()).isEqualTo("Tips 2");
		this.mvc.perform(get("/admin/templates").param("sort", "name,desc").param("size", "500").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(key)));
		this.mvc.perform(get("/admin/templates.csv").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(key)));
		// a duplicate key is a field error
		this.mvc
			.perform(post("/admin/templates/new").param("key", key)
				.param("name", "Dup")
				.param("subject", "s")
				.param("body", "b")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("templateForm", "key"));
	}

	@Test
	void syntaxErrorsAndRefusedExpressionsAreFormErrorsNever500() throws Exception {
		for (String body : new String[] { "Hello [[${firstName]]",
				"[[${T(java.lang.Runtime).getRuntime().exec('id')}]]", "[[${firstName.toUpperCase()}]]",
				"[[${new java.io.File('/')}]]", "[[${@outbox}]]",
				"[# th:each=\"x : ${T(java.lang.System).getenv()}\"]{{x}}[/]" }) {
			this.mvc
				.perform(post("/admin/templates/new").param("key", unique("bad-"))
					.param("name", "Bad")
					.param("subject", "s")
					.param("body", body)
					.with(admin())
					.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("templateForm", "body"))
				.andExpect(content().string(not(containsString("Whitelabel"))));
		}
		long before = this.jdbc.sql("select count(*) from mail_template where name = 'Bad'").query(Long.class).single();
		assertThat(before).isZero();
		// preview of broken text is a form error too
		this.mvc
			.perform(post("/admin/templates/new").param("key", unique("bad-"))
				.param("name", "Bad")
				.param("subject", "s")
				.param("body", "[[${T(java.lang.Runtime).getRuntime()}]]")
				.param("action", "preview")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("templateForm", "body"));
	}

	/**
	 * Issue 20: the editor lists the fields by the e-mails that have them, each a button
	 * that inserts it into the body.
	 */
	@Test
	void theEditorListsTheFieldsByContextToInsert() throws Exception {
		this.mvc.perform(get("/admin/templates/new").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("E-mails to a partner (templates, broadcasts)")))
			.andExpect(content().string(containsString("E-mails to a lead (sequence steps for leads)")))
			.andExpect(content().string(containsString("data-merge-insert=\"{{referralLink}}\"")))
			.andExpect(content().string(containsString("data-merge-insert=\"{{unsubscribeLink}}\"")))
			.andExpect(content().string(containsString("data-merge-insert=\"{{link}}\"")))
			.andExpect(content().string(containsString("data-merge-target=\"body\"")))
			.andExpect(content().string(containsString("/js/merge-fields.js")));
	}

	@Test
	void theEngineNeverEvaluatesTypeReferencesMethodCallsOrConstructors() {
		assertThatThrownBy(() -> MergeText.render("[[${T(java.lang.Runtime).getRuntime()}]]", Map.of(), false))
			.isInstanceOf(MergeText.Failure.class)
			.hasMessageContaining("old merge syntax");
		assertThatThrownBy(() -> MergeText.render("{{name.getClass()}}", Map.of("name", "x"), false))
			.isInstanceOf(MergeText.Failure.class)
			.hasMessageContaining("is not a merge field");
		assertThatThrownBy(() -> MergeText.render("{{new java.lang.ProcessBuilder('id').start()}}", Map.of(), false))
			.isInstanceOf(MergeText.Failure.class);
		assertThat(MergeText.render(
				"{{a}} & {{b.c}} {{missing}}|{{#each list as t}}{{t.n}},{{/each}}"
						+ "{{#if n == \"3\"}}big{{else}}small{{/if}}",
				Map.of("a", "<x>", "b", Map.of("c", "O'Brien"), "list",
						java.util.List.of(Map.of("n", 1), Map.of("n", 2)), "n", 3),
				false))
			.isEqualTo("<x> & O'Brien |1,2,big");
	}

	/**
	 * Issue 14, item 14: a refused template used to be logged at ERROR by Thymeleaf (with
	 * the template and a stack trace) and shown to the admin with raw SpEL messages
	 * ({@code EL1008E: Property or field 'foo' cannot be found
	 * on object of type 'java.lang.String'}). Now the form says which line and what is
	 * wrong in plain words, and nothing is logged at ERROR.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRefusedTemplateIsAPlainMessageNamingItsLineAndNoErrorInTheLog(CapturedOutput output) throws Exception {
		String marker = unique("marker-");
		Map<String, String> expected = new java.util.LinkedHashMap<>();
		expected.put(marker + "\n\n{{firstName.toUpperCase()}}",
				"Line 3: \"{{firstName.toUpperCase()}}\" is not a merge field: write {{name}}, {{name | \"fallback\"}}, "
						+ "{{#if name}} … {{/if}} or {{#each list as item}} … {{/each}} (names are letters, digits and _).");
		expected.put(marker + " {{firstName}", "Line 1: \"{{firstName}\" is not closed: write {{firstName}}.");
		expected.put(marker + "\nb\nc\n{{frstName}}",
				"Line 4: unknown merge field {{frstName}}: did you mean {{firstName}}?");
		expected.put(marker + "\n{{referralLink.foo}}",
				"Line 2: unknown merge field {{referralLink.foo}}: did you mean {{referralLink}}?");
		expected.put(marker + "\n{link}",
				"Line 2: \"{link}\" is not a merge field: write {{link}} (two braces on each side).");
		expected.put(marker + "\n[[${firstName}]]",
				"Line 2: \"[[${firstName}]]\" is the old merge syntax: write {{firstName}}.");
		expected.put(marker + " {{#if firstName}}open",
				"Line 1: {{#if firstName}} is never closed: end it with {{/if}}.");
		Map<String, String> shown = new java.util.LinkedHashMap<>();
		for (Map.Entry<String, String> c : expected.entrySet()) {
			for (String action : new String[] { "save", "preview" }) {
				var result = this.mvc
					.perform(post("/admin/templates/new").param("key", unique("plain-"))
						.param("name", "Plain")
						.param("subject", "s")
						.param("body", c.getKey())
						.param("action", action)
						.with(admin())
						.with(csrf()))
					.andExpect(status().isOk())
					.andExpect(model().attributeHasFieldErrors("templateForm", "body"))
					.andReturn();
				org.springframework.validation.BindingResult errors = (org.springframework.validation.BindingResult) result
					.getModelAndView()
					.getModel()
					.get(org.springframework.validation.BindingResult.MODEL_KEY_PREFIX + "templateForm");
				shown.put(c.getKey() + " (" + action + ")", errors.getFieldError("body").getDefaultMessage());
			}
		}
		assertThat(output.getAll()
			.lines()
			.filter(line -> line.contains("ERROR"))
			.filter(line -> line.contains(marker) || line.contains("THYMELEAF"))).isEmpty();
		assertThat(output.getAll()).doesNotContain("TemplateInputException");
		shown.forEach((body, message) -> {
			assertThat(message).as(body).isEqualTo(expected.get(body.substring(0, body.lastIndexOf(" ("))));
			assertThat(message).doesNotContainPattern("EL\\d{4}|java\\.lang|Exception|org\\.|Op[A-Z]|Spel");
		});
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

}
