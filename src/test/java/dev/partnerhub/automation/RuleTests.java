package dev.partnerhub.automation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.automation.domain.RuleEngine;
import dev.partnerhub.automation.domain.RuleTriggers;
import dev.partnerhub.automation.domain.Rules;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rules end to end on the real event paths: level-up exactly once (also with racing
 * threads) with the new program's rates afterwards, once-ever after a refund and a second
 * crossing, every trigger, skips, action errors, e-mails.
 */
@IntegrationTest
class RuleTests {

	@Autowired
	Rules rules;

	@Autowired
	RuleEngine engine;

	@Autowired
	RuleTriggers triggers;

	@Autowired
	RollupApi rollups;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	CommissionApi commissions;

	@Autowired
	MailTemplates templates;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	OrderFixtures f;

	@BeforeEach
	void setUp() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	// ---- fixtures

	ProgramSummary program(String percent, Long nextLevel) {
		return this.programs.createProgram(new ProgramDefinition(unique("Level "), "https://shop.example.com", 1, "USD",
				Rate.percent(percent), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, nextLevel, List.of()));
	}

	String approvedRollup() {
		String name = unique("Approved ");
		this.rollups.create(name, RollupFunction.SUM, Relationship.COMMISSIONS_EARNED, "amount",
				Filter.all(new Condition("status", Op.EQ, "approved")));
		return name;
	}

	/** One order of {@code price} through the API; its commission id. */
	long sale(PartnerSummary partner, ProductSummary product, String price) throws Exception {
		String orderId = unique("o-");
		MvcResult result = this.f
			.postOrder(OrderFixtures.order(orderId, unique("buyer") + "@customers.example.com", partner.code(),
					item(product.sku(), 1, price)))
			.andExpect(status().isCreated())
			.andReturn();
		this.lastOrder = orderId;
		return ((Number) OrderFixtures.read(result, "$.commissions[0].id")).longValue();
	}

	String lastOrder;

	BigDecimal amountOf(long commission) {
		return this.jdbc.sql("select amount from commission where id = :id")
			.param("id", commission)
			.query(BigDecimal.class)
			.single();
	}

	long programOf(PartnerSummary partner) {
		return this.partners.findById(partner.id()).orElseThrow().programId();
	}

	long count(String sql, Object... args) {
		var spec = this.jdbc.sql(sql);
		for (int i = 0; i < args.length; i++) {
			spec = spec.param(i + 1, args[i]);
		}
		return spec.query(Long.class).single();
	}

	List<String> outcomes(Rule rule, PartnerSummary partner) {
		return this.jdbc.sql("select outcome from rule_run where rule_id = ? and partner_id = ? order by id")
			.param(1, rule.id())
			.param(2, partner.id())
			.query(String.class)
			.list();
	}

	/**
	 * Rules run in registry-backed listeners after the commit: wait until every
	 * publication to them is complete (evaluations caused by evaluations included: they
	 * are published before the causing listener completes).
	 */
	void idle() {
		idle(this.jdbc);
	}

	static void idle(JdbcClient jdbc) {
		Awaitility.await("rule evaluations done").atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
				select count(*) from event_publication
				where listener_id like 'automation.rules.%' and completion_date is null and status <> 'FAILED'
				""").query(Long.class).single() == 0);
	}

	static void await(String what, BooleanSupplier condition) {
		Awaitility.await(what).atMost(Duration.ofSeconds(20)).until(condition::getAsBoolean);
	}

	/**
	 * Also limited to his e-mail: the rollup is global and the database shared with other
	 * tests.
	 */
	Rule levelUp(String rollup, boolean enabled, PartnerSummary partner) {
		return this.rules.create(new RuleDraft(unique("Level up "), enabled, "rollup_changed", rollup,
				Filter.all(new Condition("rollup:" + rollup, Op.GTE, "10000"),
						new Condition("email", Op.EQ, this.f.emailOf(partner))),
				false, List.of(new RuleDraft.ActionDraft("change_program", "next level"))));
	}

	// ---- level-up

	@Test
	void crossingTenThousandMovesToTheNextLevelOnceAndLaterSalesUseTheNewRates() throws Exception {
		ProgramSummary pro = program("20", null);
		ProgramSummary basic = program("10", pro.id());
		String rollup = approvedRollup();
		PartnerSummary partner = this.f.partner(basic);
		Rule rule = levelUp(rollup, true, partner);
		ProductSummary product = this.f.product("60000.00");

		long first = sale(partner, product, "60000.00");
		assertThat(amountOf(first)).isEqualByComparingTo("6000.00");
		this.commissions.approve(List.of(first));
		this.rollups.refreshPending();
		await("below 10,000: evaluated, condition false", () -> outcomes(rule, partner).contains("skipped"));
		assertThat(programOf(partner)).isEqualTo(basic.id());

		long second = sale(partner, product, "50000.00");
		this.commissions.approve(List.of(second));
		this.rollups.refreshPending();
		await("11,000 approved: moved to the next level", () -> programOf(partner) == pro.id());
		await("run logged", () -> outcomes(rule, partner).contains("ok"));
		assertThat(count("select count(*) from audit_entry where action = 'partner.program' and subject_id = ? "
				+ "and actor = ?", Long.toString(partner.id()), "rule:" + rule.name()))
			.isEqualTo(1);
		String done = this.jdbc
			.sql("select actions_done from rule_run where rule_id = ? and partner_id = ? and outcome = 'ok'")
			.param(1, rule.id())
			.param(2, partner.id())
			.query(String.class)
			.single();
		assertThat(done).contains(basic.name() + " → " + pro.name());

		// later commissions: the Pro program's 20 %
		long later = sale(partner, this.f.product("1000.00"), "1000.00");
		assertThat(amountOf(later)).isEqualByComparingTo("200.00");

		// a refund of the big sale drops him below (re-arms), a new sale crosses again:
		// once-ever rule, no second move
		String bigOrder = this.jdbc
			.sql("select o.order_id from customer_order o join commission c on c.order_id = o.id" + " where c.id = ?")
			.param(1, second)
			.query(String.class)
			.single();
		this.f.post("/api/v1/orders/" + bigOrder + "/refunds", "{\"refundId\": \"" + unique("r") + "\"}")
			.andExpect(status().isCreated());
		this.rollups.refreshPending();
		await("re-armed",
				() -> !this.jdbc.sql("select matched from rule_state where rule_id = ? and partner_id = ?")
					.param(1, rule.id())
					.param(2, partner.id())
					.query(Boolean.class)
					.single());
		long third = sale(partner, product, "60000.00");
		this.commissions.approve(List.of(third));
		this.rollups.refreshPending();
		await("second crossing evaluated",
				() -> this.jdbc.sql("select crossings from rule_state where rule_id = ? and partner_id = ?")
					.param(1, rule.id())
					.param(2, partner.id())
					.query(Integer.class)
					.single() == 2);
		assertThat(programOf(partner)).isEqualTo(pro.id());
		// (the rollup is global: other tests' partners past 10,000 may fire this rule
		// too, so count his rows only)
		assertThat(
				count("select count(*) from rule_firing where rule_id = ? and partner_id = ?", rule.id(), partner.id()))
			.isEqualTo(1);
		assertThat(this.jdbc
			.sql("select error from rule_run where rule_id = ? and partner_id = ? order by id desc limit 1")
			.param(1, rule.id())
			.param(2, partner.id())
			.query(String.class)
			.single()).contains("fired before");
	}

	@Test
	void racingEvaluationsOfTheSamePartnerFireExactlyOnce() throws Exception {
		ProgramSummary pro = program("20", null);
		ProgramSummary basic = program("10", pro.id());
		String rollup = approvedRollup();
		PartnerSummary partner = this.f.partner(basic);
		Rule rule = levelUp(rollup, false, partner); // disabled: only the threads below
														// evaluate it
		long commission = sale(partner, this.f.product("120000.00"), "120000.00");
		this.commissions.approve(List.of(commission));
		this.rollups.refreshPending();

		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<RuleEngine.Outcome>> results = new ArrayList<>();
		Instant now = Instant.now();
		for (int i = 0; i < threads; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return this.engine.evaluate(rule, partner.id(), RuleTrigger.ROLLUP_CHANGED, now, true, true);
			}));
		}
		start.countDown();
		List<RuleEngine.Outcome> outcomes = new ArrayList<>();
		for (Future<RuleEngine.Outcome> result : results) {
			outcomes.add(result.get());
		}
		pool.shutdown();
		assertThat(outcomes).containsOnlyOnce(RuleEngine.Outcome.OK);
		assertThat(outcomes).filteredOn(o -> o != RuleEngine.Outcome.OK).containsOnly(RuleEngine.Outcome.NO_CROSSING);
		assertThat(programOf(partner)).isEqualTo(pro.id());
		assertThat(count("select count(*) from audit_entry where action = 'partner.program' and subject_id = ?",
				Long.toString(partner.id())))
			.isEqualTo(1);
		assertThat(
				count("select count(*) from rule_firing where rule_id = ? and partner_id = ?", rule.id(), partner.id()))
			.isEqualTo(1);
		assertThat(outcomes(rule, partner)).containsOnlyOnce("ok");
	}

	/**
	 * The level-up under concurrent events: refreshes racing on several threads publish
	 * the rollup change (evaluated by the registry-backed listener after their commit)
	 * while other threads evaluate the rule directly, as a second instance would. Exactly
	 * one firing.
	 */
	@Test
	void levelUpFiresExactlyOnceWhenQueuedAndDirectEvaluationsRace() throws Exception {
		ProgramSummary pro = program("20", null);
		ProgramSummary basic = program("10", pro.id());
		String rollup = approvedRollup();
		PartnerSummary partner = this.f.partner(basic);
		Rule rule = levelUp(rollup, true, partner);
		ProductSummary product = this.f.product("40000.00");
		List<Long> sales = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			sales.add(sale(partner, product, "40000.00"));
		}
		this.commissions.approve(sales); // 12,000 approved; the rollup is not refreshed
											// yet

		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> results = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			boolean direct = i % 2 == 0;
			results.add(pool.submit(() -> {
				start.await();
				this.rollups.refreshPending();
				if (direct) {
					this.engine.evaluate(this.rules.get(rule.id()), partner.id(), RuleTrigger.ROLLUP_CHANGED,
							Instant.now(), true, true);
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> result : results) {
			result.get();
		}
		pool.shutdown();
		idle();
		assertThat(programOf(partner)).isEqualTo(pro.id());
		assertThat(
				count("select count(*) from rule_firing where rule_id = ? and partner_id = ?", rule.id(), partner.id()))
			.isEqualTo(1);
		assertThat(count("select count(*) from audit_entry where action = 'partner.program' and subject_id = ?",
				Long.toString(partner.id())))
			.isEqualTo(1);
		assertThat(outcomes(rule, partner)).containsOnlyOnce("ok");
	}

	// ---- triggers

	String template() {
		String key = unique("rule-mail-");
		this.templates.create(key, "Rule mail", "Hello {{firstName}}", "Rollups: {{programName}}");
		return key;
	}

	long mails(String templateKey) {
		return count("select count(*) from mail_message where template_key = ?", templateKey);
	}

	Rule mailRule(String trigger, String param, Filter filter, String templateKey) {
		return this.rules.create(new RuleDraft(unique("Mail "), true, trigger, param, filter, false,
				List.of(new RuleDraft.ActionDraft("send_email", templateKey),
						new RuleDraft.ActionDraft("add_tag", "t-" + templateKey))));
	}

	Filter emailIs(PartnerSummary partner) {
		return Filter.all(new Condition("email", Op.EQ, this.f.emailOf(partner)));
	}

	@Test
	void commissionCreatedApprovedAndPaidTriggersFireTheirRules() throws Exception {
		ProgramSummary program = program("10", null);
		PartnerSummary partner = this.f.partner(program);
		String created = template();
		String approved = template();
		String paid = template();
		Rule onCreated = mailRule("commission_created", null, emailIs(partner), created);
		mailRule("commission_approved", null, emailIs(partner), approved);
		mailRule("commission_paid", null, emailIs(partner), paid);

		long commission = sale(partner, this.f.product("100.00"), "100.00");
		await("created", () -> mails(created) == 1);
		assertThat(mails(approved)).isZero();
		this.commissions.approve(List.of(commission));
		await("approved", () -> mails(approved) == 1);
		markPaid(commission);
		await("paid", () -> mails(paid) == 1);

		// more sales: the condition stays true, no new crossing, no second e-mail, and no
		// run-log row per sale
		// (a once-ever rule that fired is not evaluated again for the partner)
		for (int i = 0; i < 5; i++) {
			sale(partner, this.f.product("100.00"), "100.00");
		}
		idle();
		assertThat(mails(created)).isEqualTo(1);
		assertThat(outcomes(onCreated, partner)).containsExactly("ok");
		assertThat(this.rules.tagsOf(partner.contactId())).contains("t-" + created, "t-" + approved, "t-" + paid);
	}

	@Autowired
	dev.partnerhub.commissions.CommissionPayouts payouts;

	@Autowired
	dev.partnerhub.partners.domain.PartnerSignup signup;

	void markPaid(long commission) {
		this.payouts.markPaid(List.of(commission), Instant.now());
	}

	@Test
	void signupApprovalRollupGroupAndDailyTriggersFire() throws Exception {
		ProgramSummary program = program("10", null);
		String approvedMail = template();
		String rollupMail = template();
		String dailyMail = template();
		String groupMail = template();
		String rollup = approvedRollup();
		// approval
		String code = unique("ap");
		long contact = this.contacts.create(code + "@partners.example.com", "Ann", code).id();
		this.rules.create(new RuleDraft(unique("Approved "), true, "partner_approved", null,
				Filter.all(new Condition("email", Op.EQ, code + "@partners.example.com")), false,
				List.of(new RuleDraft.ActionDraft("send_email", approvedMail))));
		PartnerSummary partner = this.partners.enroll(new dev.partnerhub.partners.domain.Enrollment(contact,
				program.id(), code, PartnerStatus.PENDING, null, null, null));
		assertThat(mails(approvedMail)).isZero();
		this.partners.changeStatus(partner.id(), PartnerStatus.APPROVED);
		await("approved", () -> mails(approvedMail) == 1);

		// rollup changed (this rollup only) and contact added to group
		mailRule("rollup_changed", rollup, Filter.all(new Condition("rollup:" + rollup, Op.GTE, "5"),
				new Condition("email", Op.EQ, code + "@partners.example.com")), rollupMail);
		long group = this.jdbc
			.sql("insert into contact_group (name, filter) values (:n, cast(:f as jsonb)) returning id")
			.param("n", unique("Big "))
			.param("f",
					"{\"match\": \"all\", \"conditions\": [{\"field\": \"rollup:" + rollup
							+ "\", \"op\": \"gte\", \"value\": \"5\"}]}")
			.query(Long.class)
			.single();
		mailRule("group_added", Long.toString(group), emailIs(partner), groupMail);
		long commission = sale(partner, this.f.product("100.00"), "100.00");
		this.commissions.approve(List.of(commission));
		this.rollups.refreshPending();
		await("rollup changed", () -> mails(rollupMail) == 1);
		await("added to group", () -> mails(groupMail) == 1);

		// daily at 06:00 UTC: not before the hour, once a day
		Rule daily = mailRule("daily", "6", emailIs(partner), dailyMail);
		Instant day = Instant.parse("2098-05-01T05:30:00Z");
		this.triggers.runDaily(day);
		assertThat(mails(dailyMail)).isZero();
		this.triggers.runDaily(day.plusSeconds(3600));
		assertThat(mails(dailyMail)).isEqualTo(1);
		this.triggers.runDaily(day.plusSeconds(7200));
		assertThat(
				count("select count(*) from automation_rule where id = ? and last_daily_on = '2098-05-01'", daily.id()))
			.isEqualTo(1);
		assertThat(mails(dailyMail)).isEqualTo(1);
	}

	@Test
	void selfSignupTriggerFiresOnlyForPublicSignups() throws Exception {
		ProgramSummary program = program("10", null);
		String mail = template();
		String email = unique("self") + "@partners.example.com";
		// conditions name this test's partners: the database (and its sign-ups) is shared
		// with other tests
		Rule rule = this.rules.create(new RuleDraft(unique("Signed up "), true, "partner_signed_up", null,
				Filter.any(new Condition("email", Op.EQ, email), new Condition("lastName", Op.EQ, "Console-" + mail)),
				false, List.of(new RuleDraft.ActionDraft("send_email", mail))));
		long consoleContact = this.contacts.create(unique("c") + "@partners.example.com", "Con", "Console-" + mail)
			.id();
		PartnerSummary console = this.partners.enroll(new dev.partnerhub.partners.domain.Enrollment(consoleContact,
				program.id(), null, PartnerStatus.APPROVED, null, null, null));
		assertThat(mails(mail)).isZero();
		this.signup.signUp(new dev.partnerhub.partners.domain.PartnerSignup.SignupRequest(program.name(), "Sam", "Self",
				email, "a-long-password-1", null, null));
		await("signed up",
				() -> count("select count(*) from mail_message where template_key = ? and lower(to_address) = ?", mail,
						email) == 1);
		idle();
		assertThat(outcomes(rule, console)).isEmpty();
	}

	@Test
	void falseConditionIsSkippedAndAFailingActionIsLoggedWhileTheOthersRun() throws Exception {
		ProgramSummary program = program("10", null); // no next level: change_program
														// fails
		PartnerSummary partner = this.f.partner(program);
		PartnerSummary other = this.f.partner(program);
		String mail = template();
		Rule rule = this.rules.create(new RuleDraft(unique("Fails "), true, "commission_created", null,
				emailIs(partner), false, List.of(new RuleDraft.ActionDraft("change_program", "next level"),
						new RuleDraft.ActionDraft("send_email", mail), new RuleDraft.ActionDraft("add_tag", "vip"))));
		sale(other, this.f.product("10.00"), "10.00");
		await("skipped", () -> outcomes(rule, other).equals(List.of("skipped")));
		assertThat(mails(mail)).isZero();

		sale(partner, this.f.product("10.00"), "10.00");
		await("error", () -> outcomes(rule, partner).equals(List.of("error")));
		var row = this.jdbc.sql("select actions_done, error from rule_run where rule_id = ? and partner_id = ?")
			.param(1, rule.id())
			.param(2, partner.id())
			.query()
			.singleRow();
		assertThat((String) row.get("error")).contains("has no next level");
		assertThat((String) row.get("actions_done")).contains("Send e-mail template").contains("Add tag");
		assertThat(mails(mail)).isEqualTo(1);
		assertThat(this.rules.tagsOf(partner.contactId())).containsExactly("vip");

		// a template deleted after saving the rule: logged as an error, nothing queued
		this.jdbc.sql("delete from mail_template where template_key = ?").param(1, mail).update();
		PartnerSummary third = this.f.partner(program);
		Rule gone = this.rules.create(new RuleDraft(unique("Gone "), true, "commission_created", null, emailIs(third),
				false, List.of(new RuleDraft.ActionDraft("add_tag", "x"))));
		this.jdbc
			.sql("insert into automation_rule_action (rule_id, position, type, param) values (?, 5, 'send_email', ?)")
			.param(1, gone.id())
			.param(2, mail)
			.update();
		sale(third, this.f.product("10.00"), "10.00");
		await("unknown template", () -> outcomes(gone, third).equals(List.of("error")));
		assertThat(this.jdbc.sql("select error from rule_run where rule_id = ?")
			.param(1, gone.id())
			.query(String.class)
			.single()).contains("no e-mail template");
	}

	@Test
	void everyCrossingModeFiresAgainAfterReArmingAndQueuesOneMailPerCrossing() throws Exception {
		ProgramSummary program = program("10", null);
		PartnerSummary partner = this.f.partner(program);
		String mail = template();
		Rule rule = this.rules.create(new RuleDraft(unique("Every "), false, "daily", "0",
				Filter.all(new Condition("partnerStatus", Op.EQ, "approved"),
						new Condition("email", Op.EQ, this.f.emailOf(partner))),
				true, List.of(new RuleDraft.ActionDraft("send_email", mail))));
		Instant now = Instant.now();
		assertThat(this.engine.evaluate(rule, partner.id(), RuleTrigger.DAILY, now, true, false))
			.isEqualTo(RuleEngine.Outcome.OK);
		assertThat(this.engine.evaluate(rule, partner.id(), RuleTrigger.DAILY, now, true, false))
			.isEqualTo(RuleEngine.Outcome.NO_CROSSING);
		assertThat(mails(mail)).isEqualTo(1);
		this.partners.changeStatus(partner.id(), PartnerStatus.SUSPENDED);
		assertThat(this.engine.evaluate(rule, partner.id(), RuleTrigger.DAILY, now, true, false))
			.isEqualTo(RuleEngine.Outcome.FALSE);
		this.partners.changeStatus(partner.id(), PartnerStatus.APPROVED);
		assertThat(this.engine.evaluate(rule, partner.id(), RuleTrigger.DAILY, now, true, false))
			.isEqualTo(RuleEngine.Outcome.OK);
		assertThat(mails(mail)).isEqualTo(2);
		assertThat(count("select count(distinct dedupe_key) from mail_message where template_key = ?", mail))
			.isEqualTo(2);
		assertThat(count("select count(*) from rule_firing where rule_id = ?", rule.id())).isEqualTo(2);
	}

}
