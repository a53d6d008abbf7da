package dev.partnerhub.automation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.automation.domain.Rules;
import dev.partnerhub.commissions.CommissionsCreated;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rule evaluations are carried by the event publication registry: an evaluation that a
 * crash interrupted, or whose listener failed, stays an incomplete
 * {@code event_publication} row and runs when it is resubmitted — no in-memory queue, no
 * replay window. (Before, a crash lost queued evaluations after 15 minutes and a failing
 * evaluation was only logged.)
 */
@IntegrationTest
class RuleResubmissionTests {

	static final String LISTENER = "automation.rules.commissions-created";

	@Autowired
	Rules rules;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	MailTemplates templates;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	EventSerializer serializer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	OrderFixtures f;

	@BeforeEach
	void setUp() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	/**
	 * A partner, a "commission created" rule for him only (e-mail + tag), and its
	 * template key.
	 */
	record Setup(PartnerSummary partner, String template) {
	}

	Setup partnerWithoutRule() {
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String template = unique("resubmit-");
		this.templates.create(template, "Rule mail", "Hello {{firstName}}", "First sale");
		return new Setup(partner, template);
	}

	Rule ruleFor(Setup setup) {
		return this.rules.create(new RuleDraft(unique("First sale "), true, "commission_created", null,
				Filter.all(new Condition("email", Op.EQ, this.f.emailOf(setup.partner()))), false,
				List.of(new RuleDraft.ActionDraft("send_email", setup.template()),
						new RuleDraft.ActionDraft("add_tag", "t-" + setup.template()))));
	}

	long sale(PartnerSummary partner) throws Exception {
		var result = this.f
			.postOrder(OrderFixtures.order(unique("o-"), unique("buyer") + "@customers.example.com", partner.code(),
					item(this.f.product("100.00").sku(), 1, "100.00")))
			.andExpect(status().isCreated())
			.andReturn();
		return ((Number) OrderFixtures.read(result, "$.commissions[0].id")).longValue();
	}

	long mails(String template) {
		return this.jdbc.sql("select count(*) from mail_message where template_key = ?")
			.param(1, template)
			.query(Long.class)
			.single();
	}

	long firings(Rule rule, PartnerSummary partner) {
		return this.jdbc.sql("select count(*) from rule_firing where rule_id = ? and partner_id = ?")
			.param(1, rule.id())
			.param(2, partner.id())
			.query(Long.class)
			.single();
	}

	String publicationState(UUID publication) {
		return this.jdbc
			.sql("select coalesce(status, '') || case when completion_date is null then '' else ' done' end"
					+ " from event_publication where id = ?")
			.param(1, publication)
			.query(String.class)
			.single();
	}

	int attempts(UUID publication) {
		return this.jdbc.sql("select completion_attempts from event_publication where id = ?")
			.param(1, publication)
			.query(Integer.class)
			.single();
	}

	@Test
	void anEvaluationACrashLeftIncompleteRunsWhenItIsResubmitted() throws Exception {
		Setup setup = partnerWithoutRule();
		long commission = sale(setup.partner());
		// its evaluation runs after the commit, in the background: wait for it before the
		// rule exists, so it finds no rule and nothing fires (CI once saw it run late and
		// fire)
		RuleTests.idle(this.jdbc);
		Rule rule = ruleFor(setup);
		RuleTests.idle(this.jdbc);
		assertThat(mails(setup.template())).isZero();

		// What an instance killed between the order's commit and its rule evaluation
		// leaves: the publication,
		// written in the order's transaction, not completed.
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				                               completion_attempts)
				values (:id, :listener, :type, :event, :at, 'PROCESSING', 0)
				""")
			.param("id", id)
			.param("listener", LISTENER)
			.param("type", CommissionsCreated.class.getName())
			.param("event",
					this.serializer
						.serialize(new CommissionsCreated(List.of(commission), List.of(setup.partner().id())))
						.toString())
			.param("at", Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))))
			.update();

		// After the restart: what EventPublications does every minute (older than a
		// minute, one instance).
		this.incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(1));

		await("resubmitted evaluation fired").atMost(Duration.ofSeconds(20)).until(() -> mails(setup.template()) == 1);
		await("publication completed").atMost(Duration.ofSeconds(20))
			.until(() -> publicationState(id).endsWith(" done"));
		assertThat(firings(rule, setup.partner())).isEqualTo(1);
		assertThat(this.rules.tagsOf(setup.partner().contactId())).contains("t-" + setup.template());
		// Resubmitting again changes nothing: the publication is complete, and a crossing
		// fires once anyway.
		this.incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(1));
		RuleTests.idle(this.jdbc);
		assertThat(mails(setup.template())).isEqualTo(1);
	}

	@Test
	void anEvaluationWhoseListenerFailedStaysIncompleteAndFiresOnResubmission() throws Exception {
		Setup setup = partnerWithoutRule();
		Rule rule = ruleFor(setup);
		Instant start = Instant.now();
		// The evaluation's first read fails (a database problem, as a lost connection
		// would): the listener throws.
		this.jdbc.sql("alter table rule_state rename to rule_state_away").update();
		UUID id;
		try {
			sale(setup.partner());
			id = await("the listener failed").atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.sql("""
						select id from event_publication
						where listener_id = :listener and publication_date >= :start and status = 'FAILED'
						  and serialized_event like :partner
						""")
					.param("listener", LISTENER)
					.param("start", Timestamp.from(start.minusSeconds(1)))
					.param("partner", "%\"partnerIds\":[" + setup.partner().id() + "]%")
					.query(UUID.class)
					.optional()
					.orElse(null), found -> found != null);
		}
		finally {
			this.jdbc.sql("alter table rule_state_away rename to rule_state").update();
		}
		assertThat(mails(setup.template())).isZero();
		assertThat(firings(rule, setup.partner())).isZero();
		assertThat(publicationState(id)).isEqualTo("FAILED");

		UUID failed = id;
		int attempts = attempts(failed);
		this.incomplete.resubmitIncompletePublications(publication -> publication.getIdentifier().equals(failed));

		await("resubmitted evaluation fired").atMost(Duration.ofSeconds(20)).until(() -> mails(setup.template()) == 1);
		await("publication completed").atMost(Duration.ofSeconds(20))
			.until(() -> publicationState(failed).endsWith(" done"));
		assertThat(firings(rule, setup.partner())).isEqualTo(1);
		assertThat(attempts(failed)).isEqualTo(attempts + 1);
	}

}
