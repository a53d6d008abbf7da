package dev.partnerhub.automation;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.automation.domain.RuleEngine;
import dev.partnerhub.automation.domain.Rules;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rules console and API: bad definitions are clear 400s / form errors; the run log
 * page and CSV.
 */
@IntegrationTest
class RuleConsoleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Rules rules;

	@Autowired
	RuleEngine engine;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	static RequestPostProcessor admin() {
		return SecurityMockMvcRequestPostProcessors.user("admin@test.local").roles("ADMIN");
	}

	void badRule(String json, String message) throws Exception {
		this.mvc
			.perform(post("/api/v1/rules").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString(message)));
	}

	@Test
	void badDefinitionsAreClearBadRequests() throws Exception {
		String actions = "\"actions\": [{\"type\": \"add_tag\", \"param\": \"vip\"}]";
		badRule("{\"trigger\": \"daily\", " + actions + "}", "name: a name is required");
		badRule("{\"name\": \"x\", \"trigger\": \"hourly\", " + actions + "}", "unknown trigger 'hourly'");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"triggerParam\": \"25\", " + actions + "}",
				"the hour of the daily run is 0 to 23");
		badRule("{\"name\": \"x\", \"trigger\": \"group_added\", \"triggerParam\": \"nope-" + unique("g") + "\", "
				+ actions + "}", "unknown group");
		badRule("{\"name\": \"x\", \"trigger\": \"rollup_changed\", \"triggerParam\": \"no such rollup\", " + actions
				+ "}", "unknown rollup field 'no such rollup'");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"actions\": []}", "add at least one action");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"actions\": [{\"type\": \"explode\", \"param\": \"1\"}]}",
				"unknown action 'explode'");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"actions\": [{\"type\": \"send_email\", \"param\": \"no-such-"
				+ "template\"}]}", "unknown e-mail template 'no-such-template'");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"actions\": [{\"type\": \"change_program\", \"param\": \"Nope "
				+ unique("") + "\"}]}", "unknown program");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"actions\": [{\"type\": \"set_status\", \"param\": \"gone\"}]}",
				"Status must be pending, approved or suspended");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"actions\": [{\"type\": \"start_sequence\", \"param\": \"none"
				+ unique("") + "\"}]}", "unknown sequence");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"filter\": {\"match\": \"all\", \"conditions\": [{\"field\": "
				+ "\"rollup:missing\", \"op\": \"gte\", \"value\": \"1\"}]}, " + actions + "}",
				"unknown rollup field 'missing'");
		badRule("{\"name\": \"x\", \"trigger\": \"daily\", \"filter\": {\"match\": \"all\", \"conditions\": [{\"field\": "
				+ "\"partnerStatus\", \"op\": \"eq\", \"value\": \"retired\"}]}, " + actions + "}",
				"is not a partnerStatus");

		String name = unique("Api rule ");
		this.mvc.perform(post("/api/v1/rules").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name
					+ "\", \"enabled\": false, \"trigger\": \"commission_created\", \"filter\": {\"match\": \"all\", "
					+ "\"conditions\": [{\"field\": \"partnerStatus\", \"op\": \"eq\", \"value\": \"approved\"}]}, "
					+ actions + "}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.trigger").value("commission_created"))
			.andExpect(jsonPath("$.actions[0].type").value("add_tag"));
		this.mvc
			.perform(post("/api/v1/rules").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"" + name.toUpperCase() + "\", \"trigger\": \"daily\", " + actions + "}"))
			.andExpect(status().isConflict());
		this.mvc.perform(get("/api/v1/rules").header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)));
	}

	@Test
	void consoleFormShowsErrorsAndSavesWithTheConditionBuilder() throws Exception {
		this.mvc.perform(get("/admin/rules/new").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Trigger")));
		this.mvc
			.perform(post("/admin/rules/new").with(admin())
				.with(csrf())
				.param("name", unique("Form "))
				.param("trigger", "commission_created")
				.param("rows[1].field", "rollup:nothing here")
				.param("rows[1].op", "gte")
				.param("rows[1].value", "5")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", "vip"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("unknown rollup field")));
		this.mvc
			.perform(post("/admin/rules/new").with(admin())
				.with(csrf())
				.param("name", "")
				.param("trigger", "daily")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", "vip"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("a name is required")));

		String name = unique("Form ");
		this.mvc
			.perform(post("/admin/rules/new").with(admin())
				.with(csrf())
				.param("name", name)
				.param("enabled", "false") // shared database: an enabled daily rule would
											// tag everybody's partners
				.param("trigger", "daily")
				.param("triggerParam", "7")
				.param("match", "all")
				.param("rows[1].field", "partnerStatus")
				.param("rows[1].op", "eq")
				.param("rows[1].value", "approved")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", "vip")
				.param("actions[1].type", "")
				.param("actions[1].param", ""))
			.andExpect(status().is3xxRedirection())
			// the console layout shows the flash "message" (a "success" one was never
			// shown)
			.andExpect(flash().attribute("message", "Rule saved."));
		Rule rule = this.rules.findByName(name).orElseThrow();
		assertThat(rule.triggerParam()).isEqualTo("7");
		assertThat(rule.filter().conditions()).hasSize(1);
		assertThat(rule.actions()).extracting(RuleAction::param).containsExactly("vip");
		this.mvc.perform(get("/admin/rules").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)));
		assertThat(rule.enabled()).isFalse();
		this.mvc
			.perform(post("/admin/rules/" + rule.id() + "/enabled").with(admin()).with(csrf()).param("enabled", "true"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.rules.get(rule.id()).enabled()).isTrue();
		this.mvc
			.perform(
					post("/admin/rules/" + rule.id() + "/enabled").with(admin()).with(csrf()).param("enabled", "false"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.rules.get(rule.id()).enabled()).isFalse();
		this.mvc.perform(get("/admin/rules/" + rule.id() + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("partnerStatus")));
	}

	@Test
	void aSaveOverAnotherAdminsChangeIsRefusedWithAFormMessage() throws Exception {
		Rule rule = this.rules.create(new RuleDraft(unique("Stale "), false, "daily", "3", null, false, List
			.of(new RuleDraft.ActionDraft("add_tag", "first"), new RuleDraft.ActionDraft("add_tag", "second"))));
		// the edit form carries the version it was loaded with
		this.mvc.perform(get("/admin/rules/" + rule.id() + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"" + rule.version() + "\"")));
		// another admin saves first
		this.rules.update(rule.id(), new RuleDraft(rule.name(), false, "daily", "4", null, false,
				List.of(new RuleDraft.ActionDraft("add_tag", "theirs"))), rule.version());
		this.mvc
			.perform(post("/admin/rules/" + rule.id() + "/edit").with(admin())
				.with(csrf())
				.param("version", String.valueOf(rule.version()))
				.param("name", rule.name())
				.param("enabled", "false")
				.param("trigger", "daily")
				.param("triggerParam", "5")
				.param("match", "all")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", "mine"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else saved this rule meanwhile")))
			.andExpect(content().string(containsString("mine")));
		Rule stored = this.rules.get(rule.id());
		assertThat(stored.triggerParam()).isEqualTo("4");
		assertThat(stored.actions()).extracting(RuleAction::param).containsExactly("theirs");
		assertThat(stored.version()).isEqualTo(rule.version() + 1);
		// with the current version the save goes through, and the actions are replaced in
		// order
		this.mvc
			.perform(post("/admin/rules/" + rule.id() + "/edit").with(admin())
				.with(csrf())
				.param("version", String.valueOf(stored.version()))
				.param("name", rule.name())
				.param("enabled", "false")
				.param("trigger", "daily")
				.param("triggerParam", "5")
				.param("match", "all")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", "mine")
				.param("actions[1].type", "add_tag")
				.param("actions[1].param", "also"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.rules.get(rule.id()).actions()).extracting(RuleAction::param).containsExactly("mine", "also");
	}

	@Test
	void errorsNameTheRowAndFieldInWordsOnce() throws Exception {
		String page = this.mvc
			.perform(post("/admin/rules/new").with(admin())
				.with(csrf())
				.param("name", unique("Words "))
				.param("enabled", "false")
				.param("trigger", "commission_created")
				.param("rows[1].field", "partnerStatus")
				.param("rows[1].op", "eq")
				.param("rows[1].value", "")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", "vip"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String text = org.jsoup.Jsoup.parse(page).body().text();
		assertThat(text).contains("Condition 1: a value is required").doesNotContain("conditions[");
		assertThat(text.split("a value is required", -1)).as("said once").hasSize(2);

		page = this.mvc
			.perform(post("/admin/rules/new").with(admin())
				.with(csrf())
				.param("name", unique("Words "))
				.param("enabled", "false")
				.param("trigger", "commission_created")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", "vip")
				.param("actions[1].type", "send_email")
				.param("actions[1].param", "no-such-template"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		text = org.jsoup.Jsoup.parse(page).body().text();
		assertThat(text).contains("Action 2: unknown e-mail template 'no-such-template'").doesNotContain("actions[");
		assertThat(text.split("unknown e-mail template", -1)).as("said once").hasSize(2);

		// the API: the detail in words, the machine path in errors[].field
		this.mvc.perform(post("/api/v1/rules").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + unique("Words ") + "\", \"enabled\": false, \"trigger\": \"daily\", "
					+ "\"filter\": {\"match\": \"all\", \"conditions\": [{\"field\": \"partnerStatus\", "
					+ "\"op\": \"eq\", \"value\": \"\"}]}, \"actions\": [{\"type\": \"add_tag\", \"param\": \"x\"}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Condition 1: a value is required"))
			.andExpect(jsonPath("$.errors[0].field").value("filter.conditions[0].value"));
	}

	@Test
	void runLogPageAndCsvShowWhatTheRuleDid() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		var program = f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary hit = f.partner(program);
		PartnerSummary miss = f.partner(program);
		Rule rule = this.rules.create(new RuleDraft(unique("Log "), false, "daily", "0",
				Filter.all(new Condition("email", Op.EQ, f.emailOf(hit))), false,
				List.of(new RuleDraft.ActionDraft("add_tag", "logged"))));
		this.engine.evaluate(rule, hit.id(), RuleTrigger.DAILY, java.time.Instant.now(), true, false);
		this.engine.evaluate(rule, miss.id(), RuleTrigger.DAILY, java.time.Instant.now(), true, false);
		this.mvc.perform(get("/admin/rules/" + rule.id()).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(hit.code())))
			.andExpect(content().string(containsString(miss.code())))
			.andExpect(content().string(containsString("Add tag: logged")))
			.andExpect(content().string(containsString("condition false")));
		this.mvc.perform(get("/admin/rules/" + rule.id() + "/runs.csv").with(admin()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("text/csv")))
			.andExpect(content().string(containsString(hit.code() + ",daily,ok,Add tag: logged")))
			.andExpect(content().string(containsString(miss.code() + ",daily,skipped,,condition false")));
		this.mvc
			.perform(get("/admin/rules/" + rule.id())
				.with(SecurityMockMvcRequestPostProcessors.user("p").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/rules/999999999").with(admin()))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString("Exception"))));
	}

}
