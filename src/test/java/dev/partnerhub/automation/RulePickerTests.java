package dev.partnerhub.automation;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.automation.domain.Rules;
import dev.partnerhub.automation.domain.Sequences;
import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupFunction;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.automation.RuleConsoleTests.admin;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rule form picks what rules reference (programs, e-mail templates, sequences, tags,
 * rollup fields, groups) from lists of what exists; the stored values are the same as
 * typed ones, and a value not in the lists is still refused.
 */
@IntegrationTest
class RulePickerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Rules rules;

	@Autowired
	ProgramService programs;

	@Autowired
	Sequences sequences;

	@Autowired
	RollupApi rollups;

	@Autowired
	MailApi mail;

	@Test
	void formOffersTheExistingChoicesAndSavesAPickedOne() throws Exception {
		String program = this.programs
			.createProgram(new ProgramDefinition(unique("Picked "), "https://shop.example.com", 1, "USD",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()))
			.name();
		String sequence = unique("Seq ");
		this.sequences.create(sequence, true, false);
		String rollup = unique("Picked rollup ");
		this.rollups.create(rollup, RollupFunction.SUM, Relationship.COMMISSIONS_EARNED, "amount",
				Filter.all(new Condition("status", Op.EQ, "approved")));
		String template = this.mail.templateKeys().get(0);

		Document form = page(get("/admin/rules/new"));
		Element action = form.getElementById("actions0.param");
		assertThat(action.tagName()).isEqualTo("select");
		assertThat(form.select("label[for=actions0.param]").text()).isEqualTo("Action 1 parameter");
		assertThat(values(action)).contains(program, sequence, template, "next level", "approved");
		Element trigger = form.getElementById("triggerParam");
		assertThat(trigger.tagName()).isEqualTo("select");
		assertThat(form.select("label[for=triggerParam]")).hasSize(1);
		assertThat(values(trigger)).contains(rollup, "7");
		// the search box (shown by the script) is labelled and comes right before its
		// select
		Element box = action.previousElementSibling();
		assertThat(box.hasAttr("data-filter-select")).isTrue();
		assertThat(box.attr("aria-label")).isEqualTo("Filter the choices for action 1");

		String name = unique("Picked rule ");
		String tag = unique("newtag-");
		this.mvc
			.perform(post("/admin/rules/new").with(admin())
				.with(csrf())
				.param("name", name)
				.param("enabled", "false")
				.param("trigger", "rollup_changed")
				.param("triggerParam", rollup)
				.param("actions[0].type", "change_program")
				.param("actions[0].param", program)
				.param("actions[1].type", "start_sequence")
				.param("actions[1].param", sequence)
				.param("actions[2].type", "send_email")
				.param("actions[2].param", template)
				.param("actions[3].type", "add_tag")
				.param("actions[3].param", "")
				.param("actions[3].newTag", tag))
			.andExpect(status().is3xxRedirection());
		Rule rule = this.rules.findByName(name).orElseThrow();
		assertThat(rule.triggerParam()).isEqualTo(rollup);
		assertThat(rule.actions()).extracting(RuleAction::param).containsExactly(program, sequence, template, tag);

		// editing shows the stored values selected; the new tag is now among the choices
		Document edit = page(get("/admin/rules/" + rule.id() + "/edit"));
		assertThat(selected(edit, "triggerParam")).isEqualTo(rollup);
		assertThat(selected(edit, "actions0.param")).isEqualTo(program);
		assertThat(selected(edit, "actions1.param")).isEqualTo(sequence);
		assertThat(selected(edit, "actions2.param")).isEqualTo(template);
		assertThat(selected(edit, "actions3.param")).isEqualTo(tag);
		assertThat(edit.select("option").eachText()).noneMatch(text -> text.endsWith("(current)"));

		// a daily hour is shown as the hour, even when a group has the same id
		String daily = unique("Picked daily ");
		this.mvc
			.perform(post("/admin/rules/new").with(admin())
				.with(csrf())
				.param("name", daily)
				.param("enabled", "false")
				.param("trigger", "daily")
				.param("triggerParam", "1")
				.param("actions[0].type", "add_tag")
				.param("actions[0].param", tag))
			.andExpect(status().is3xxRedirection());
		long dailyId = this.rules.findByName(daily).orElseThrow().id();
		edit = page(get("/admin/rules/" + dailyId + "/edit"));
		assertThat(edit.getElementById("triggerParam").select("option[selected]").eachText())
			.containsExactly("1:00 UTC");
	}

	@Test
	void aValueNotInTheListsIsStillRefused() throws Exception {
		String name = unique("Tampered ");
		Document page = page(post("/admin/rules/new").with(csrf())
			.param("name", name)
			.param("enabled", "false")
			.param("trigger", "commission_created")
			.param("actions[0].type", "change_program")
			.param("actions[0].param", "No such program 42"));
		assertThat(page.body().text()).contains("Action 1: unknown program 'No such program 42'");
		// kept in the picker as typed, so the admin sees what was refused
		assertThat(selected(page, "actions0.param")).isEqualTo("No such program 42");

		page = page(post("/admin/rules/new").with(csrf())
			.param("name", name)
			.param("enabled", "false")
			.param("trigger", "rollup_changed")
			.param("triggerParam", "no such rollup 42")
			.param("actions[0].type", "add_tag")
			.param("actions[0].param", "vip"));
		assertThat(page.body().text()).contains("unknown rollup field 'no such rollup 42'");
		assertThat(this.rules.findByName(name)).isEmpty();
	}

	private Document page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		String html = this.mvc.perform(request.with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Jsoup.parse(html);
	}

	private static List<String> values(Element select) {
		return select.select("option").eachAttr("value");
	}

	private static String selected(Document page, String id) {
		return page.getElementById(id).select("option[selected]").attr("value");
	}

}
