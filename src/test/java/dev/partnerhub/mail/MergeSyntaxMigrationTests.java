package dev.partnerhub.mail;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.merge.MergeText;
import dev.partnerhub.tracking.PromoToolFields;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, existing data: rows written in the old syntaxes (Thymeleaf in e-mail
 * templates, {{partner.link}} in promo tools, {{trackedLink}} and {{rollup:Name}} in page
 * blocks) are rewritten by the V42 migrations and render as before.
 */
@IntegrationTest
class MergeSyntaxMigrationTests {

	private static final String OLD_BODY = """
			Hello [[${firstName}]],
			[# th:if="${status == 'pending'}"]We review every partner.[/][# th:if="${status != 'pending'}"]You are approved.[/]
			Your link: [(${referralLink})]
			[# th:if="${hasPromoTools}"]Promo tools:
			[# th:each="tool : ${promoTools}"]- [[${tool.name}]]: [[${tool.link}]]
			[/][/]Referred by: [[${parentCode} ?: 'nobody']]
			""";

	@Autowired
	MailApi mail;

	@Autowired
	MailTemplates templates;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void anOldSyntaxTemplateRendersTheSameAfterTheMigration() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "O'Brien");
		String key = unique("old-syntax-");
		// as an admin saved it before V42
		this.jdbc.sql("""
				insert into mail_template (template_key, name, subject, body)
				values (:key, 'Old', 'Welcome, [[${firstName}]] ([[${programName}]])', :body)""")
			.param("key", key)
			.param("body", OLD_BODY)
			.update();

		runMigration("V42__merge_syntax.sql");

		Map<String, Object> row = this.jdbc.sql("select subject, body from mail_template where template_key = :key")
			.param("key", key)
			.query()
			.singleRow();
		assertThat(row.get("subject")).isEqualTo("Welcome, {{firstName}} ({{programName}})");
		assertThat(row.get("body")).isEqualTo(
				"""
						Hello {{firstName}},
						{{#if status == "pending"}}We review every partner.{{/if}}{{#if status != "pending"}}You are approved.{{/if}}
						Your link: {{referralLink}}
						{{#if hasPromoTools}}Promo tools:
						{{#each promoTools as tool}}- {{tool.name}}: {{tool.link}}
						{{/each}}{{/if}}Referred by: {{parentCode | "nobody"}}
						""");
		// what Thymeleaf printed for this partner (approved, no promo tools, no parent)
		MailApi.Rendered rendered = this.mail.render((String) row.get("subject"), (String) row.get("body"),
				partner.id());
		assertThat(rendered.subject()).isEqualTo("Welcome, O'Brien (" + program.name() + ")");
		assertThat(rendered.body()).isEqualTo("""
				Hello O'Brien,
				You are approved.
				Your link: http://localhost:8080/r/%s
				Referred by: nobody
				""".formatted(partner.code()));
		// and the template editor accepts it as it now stands
		MergeText.parse((String) row.get("body")).check(this.templates.fieldDescriptions().keySet());
	}

	@Test
	void promoToolsAndPageBlocksGetTheNamesEveryOtherTextUses() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String name = unique("Old swipe ");
		this.jdbc
			.sql("""
					insert into promo_tool (program_id, kind, name, landing_url, email_subject, email_body)
					values (:program, 'email', :name, 'https://shop.example.com', 'From {{partner.firstName}}',
					        'Hi, {{partner.firstName}} {{partner.lastName}} recommends {{ partner.link }} (code {{partner.code}})')
					""")
			.param("program", program.id())
			.param("name", name)
			.update();

		runMigration("V42_1__tracking_merge_syntax.sql");

		Map<String, Object> tool = this.jdbc.sql("select email_subject, email_body from promo_tool where name = :name")
			.param("name", name)
			.query()
			.singleRow();
		assertThat(tool.get("email_body"))
			.isEqualTo("Hi, {{firstName}} {{lastName}} recommends {{referralLink}} (code {{code}})");
		MergeText.parse((String) tool.get("email_body")).check(PromoToolFields.FIELDS.keySet());
		assertThat(
				MergeText.render((String) tool.get("email_body"),
						Map.of("firstName", "Ann", "lastName", "Lee", "referralLink", "https://app/r/ann?tool=1",
								"code", "ann"),
						false))
			.isEqualTo("Hi, Ann Lee recommends https://app/r/ann?tool=1 (code ann)");

		// the conversion V42_2 applies to text blocks
		String block = this.jdbc.sql("""
				select merge_syntax_convert(:html, '{"trackedLink": "referralLink", "program": "programName"}'::jsonb,
				                            true)""")
			.param("html",
					"<p>Hi {{firstName}} of {{program}}: <a href=\"{{trackedLink}}\">link</a>, {{rollup: Approved sales (EUR) }}</p>")
			.query(String.class)
			.single();
		assertThat(block).isEqualTo(
				"<p>Hi {{firstName}} of {{programName}}: <a href=\"{{referralLink}}\">link</a>, {{rollup_approved_sales_eur}}</p>");
		assertThat(MergeText.rollupField("Approved sales (EUR)")).isEqualTo("rollup_approved_sales_eur");
	}

	@Test
	void theConversionLeavesTheNewSyntaxAndPlainTextAlone() {
		String text = "Hi {{firstName | \"there\"}} {{#each promoTools as t}}{{t.link}}{{/each}} 50% off [sic] {braces}";
		assertThat(this.jdbc.sql("select merge_syntax_convert(:t)").param("t", text).query(String.class).single())
			.isEqualTo(text);
		assertThat(this.jdbc.sql("select merge_syntax_convert(null)").query(String.class).optional()).isEmpty();
	}

	@Test
	void theDefaultTemplatesUseTheNewSyntaxAndOnlyCatalogFields() {
		java.util.Set<String> known = this.templates.fieldDescriptions().keySet();
		java.util.List<dev.partnerhub.mail.domain.MailTemplate> system = this.templates.all()
			.stream()
			.filter(dev.partnerhub.mail.domain.MailTemplate::system)
			.toList();
		assertThat(system).hasSizeGreaterThanOrEqualTo(20);
		for (dev.partnerhub.mail.domain.MailTemplate template : system) {
			MergeText.parse(template.subject()).check(known);
			MergeText.parse(template.body()).check(known);
		}
	}

	/** The migration's own statements, as Flyway ran them (they are idempotent). */
	private void runMigration(String file) throws Exception {
		String sql = new ClassPathResource("db/migration/" + file).getContentAsString(StandardCharsets.UTF_8);
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
