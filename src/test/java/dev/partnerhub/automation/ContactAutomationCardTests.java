package dev.partnerhub.automation;

import java.time.Instant;
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
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The contact page shows the tags rules set, the rules that fired and the sequences, of
 * that contact only.
 */
@IntegrationTest
class ContactAutomationCardTests {

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

	@Test
	void cardShowsTheContactsOwnTagsAndFiredRules() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		var program = f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary tagged = f.partner(program);
		PartnerSummary other = f.partner(program);
		String tag = unique("vip-");
		String ruleName = unique("Tagger ");
		Rule rule = this.rules.create(new RuleDraft(ruleName, true, "daily", "0",
				Filter.all(new Condition("email", Op.EQ, f.emailOf(tagged))), false,
				List.of(new RuleDraft.ActionDraft("add_tag", tag))));
		this.engine.evaluate(rule, tagged.id(), RuleTrigger.DAILY, Instant.now(), true, false);
		this.engine.evaluate(rule, other.id(), RuleTrigger.DAILY, Instant.now(), true, false);

		var admin = SecurityMockMvcRequestPostProcessors.user("admin@test.local").roles("ADMIN");
		this.mvc.perform(get("/admin/contacts/" + tagged.contactId()).with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/admin/automation/contact/" + tagged.contactId())));
		this.mvc.perform(get("/admin/automation/contact/" + tagged.contactId()).with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(tag), containsString(ruleName))));
		this.mvc.perform(get("/admin/automation/contact/" + other.contactId()).with(admin))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(not(containsString(tag)), not(containsString(ruleName)), containsString("No tags"))));
		// partners never reach the console's cards
		this.mvc
			.perform(get("/admin/automation/contact/" + tagged.contactId())
				.with(SecurityMockMvcRequestPostProcessors.user(f.emailOf(tagged)).roles("PARTNER")))
			.andExpect(status().isForbidden());
	}

}
