package dev.partnerhub.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AuditConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	private static String tag() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	/**
	 * An entry at a chosen time: inserted directly, since the log stamps entries with the
	 * current time.
	 */
	private void entryAt(Instant at, String actor, String action, String type, String id, String detail) {
		this.jdbc.sql("""
				insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, before_value,
				                         after_value, detail)
				values (:at, :actor, :action, :type, :id, 'old', 'new', :detail)
				""")
			.param("at", java.sql.Timestamp.from(at))
			.param("actor", actor)
			.param("action", action)
			.param("type", type)
			.param("id", id)
			.param("detail", detail)
			.update();
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void listsNewestFirstWithLinksToSubjects() throws Exception {
		String tag = tag();
		this.audit.record(AuditEntry
			.of("first-" + tag + "@test.local", "partner.status", "partner", "4242", "pending", "approved")
			.withDetail(tag + "-one"));
		this.audit.record(AuditEntry
			.of("second-" + tag + "@test.local", "order.refund", "order", "o/" + tag, "refunded=0.00", "refunded=5.00")
			.withDetail(tag + "-two"));
		this.audit.record(AuditEntry.of("third-" + tag, "zz" + tag + ".done", "gadget" + tag, "1", null, null));
		String html = page("/admin/audit?actor=" + tag);
		// actions and subject types the code does not know yet are still offered; an
		// unknown type gets no link
		assertThat(html).contains("value=\"zz" + tag + ".done\"", "value=\"gadget" + tag + "\"",
				"value=\"program.update\"");
		assertThat(html.indexOf(tag + "-two")).isPositive().isLessThan(html.indexOf(tag + "-one"));
		assertThat(html).contains("href=\"/admin/partners/4242\"", "href=\"/admin/orders/o%2F" + tag + "\"",
				"refunded=0.00", "refunded=5.00", "href=\"/admin/audit\" aria-current=\"page\"");
	}

	@Test
	void filtersByActorActionSubjectAndDate() throws Exception {
		String tag = tag();
		Instant jan = LocalDate.of(2021, 1, 15).atTime(10, 0).toInstant(ZoneOffset.UTC);
		Instant mar = LocalDate.of(2021, 3, 15).atTime(23, 59).toInstant(ZoneOffset.UTC);
		entryAt(jan, "alice-" + tag + "@test.local", "program.update", "program", "1" + tag.hashCode(), tag + "-a");
		// subject ids far above any real partner id: AuditTrailTests reads the entries of
		// real partners in the same database
		entryAt(mar, "bob-" + tag + "@test.local", "partner.status", "partner", "900000077", tag + "-b");
		entryAt(mar, "api-key:" + tag, "partner.program", "partner", "900000078", tag + "-c");

		assertThat(page("/admin/audit?actor=ALICE-" + tag)).contains(tag + "-a").doesNotContain(tag + "-b", tag + "-c");
		assertThat(page("/admin/audit?actor=" + tag + "&action=partner.status")).contains(tag + "-b")
			.doesNotContain(tag + "-a", tag + "-c");
		// the first part of an action finds all of its kind
		assertThat(page("/admin/audit?actor=" + tag + "&action=partner")).contains(tag + "-b", tag + "-c")
			.doesNotContain(tag + "-a");
		assertThat(page("/admin/audit?actor=" + tag + "&subjectType=partner&subjectId=900000078")).contains(tag + "-c")
			.doesNotContain(tag + "-a", tag + "-b");
		// both ends of the range are whole UTC days, inclusive
		assertThat(page("/admin/audit?actor=" + tag + "&from=2021-03-15&to=2021-03-15"))
			.contains(tag + "-b", tag + "-c")
			.doesNotContain(tag + "-a");
		assertThat(page("/admin/audit?actor=" + tag + "&to=2021-01-15")).contains(tag + "-a")
			.doesNotContain(tag + "-b");
	}

	@Test
	void csvHasEveryMatchingRowNotJustOnePage() throws Exception {
		String tag = tag();
		for (int i = 0; i < 1005; i++) {
			entryAt(Instant.parse("2022-06-01T00:00:00Z").plusSeconds(i % 3), "csv-" + tag, "payout.pay", "payout",
					String.valueOf(i), "n" + i);
		}
		entryAt(Instant.parse("2022-06-01T00:00:00Z"), "other-" + tag, "payout.pay", "payout", "x", "=HYPERLINK(1)");
		String csv = this.mvc.perform(get("/admin/audit.csv?actor=csv-" + tag + "&size=10&page=3").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("audit.csv")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String[] lines = csv.split("\r\n");
		assertThat(lines[0])
			.isEqualTo("id,occurred_at,actor,action,subject_type,subject_id,before,after,detail,actor_name,actor_role");
		assertThat(lines).hasSize(1006);
		// every entry once, across the keyset chunks
		assertThat(Arrays.stream(lines).skip(1).map(l -> l.split(",")[0]).distinct().count()).isEqualTo(1005);
		assertThat(csv).doesNotContain("other-" + tag);

		String other = this.mvc.perform(get("/admin/audit.csv?actor=other-" + tag).with(ADMIN))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(other).contains("'=HYPERLINK(1)");
	}

	@Test
	void badFilterValuesGiveAMessageNotAnError() throws Exception {
		this.mvc.perform(get("/admin/audit?from=yesterday&to=2026-02-31&page=-4&size=100000&subjectId=%00").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("&#39;yesterday&#39; is not a date")))
			.andExpect(content().string(containsString("&#39;2026-02-31&#39; is not a date")));
		this.mvc.perform(get("/admin/audit?from=0001-01-01&to=2020-01-01").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("out of range")));
		this.mvc.perform(get("/admin/audit?from=2024-05-01&to=2024-01-01&action=%25&actor=_%25\\").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("swapped")));
		this.mvc.perform(get("/admin/audit.csv?from=nope").with(ADMIN)).andExpect(status().isOk());
		// PostgreSQL refuses a zero byte in any text parameter; the filter must not pass
		// one on
		this.mvc.perform(
				get("/admin/audit").param("actor", "a\0b").param("subjectId", "\0").param("action", "x\0").with(ADMIN))
			.andExpect(status().isOk());
		this.mvc.perform(get("/admin/audit.csv").param("subjectType", "\0").with(ADMIN)).andExpect(status().isOk());
	}

	@Test
	void onlyAdminsSeeTheLog() throws Exception {
		this.mvc.perform(get("/admin/audit").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/audit.csv").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/audit")).andExpect(status().is3xxRedirection());
	}

	@Test
	void thePageOffersNoWayToChangeOrDeleteEntries() throws Exception {
		String tag = tag();
		this.audit.record(AuditEntry.of("ro-" + tag, "program.update", "program", "1", "a", "b"));
		String html = page("/admin/audit?actor=ro-" + tag);
		assertThat(html).contains("ro-" + tag)
			.doesNotContainPattern("(?i)<(button|a)[^>]*>\\s*(edit|delete|remove)")
			.doesNotContainPattern("(?i)href=\"[^\"]*/(edit|delete)");
		// the only POST form on the page is the layout's logout
		assertThat(html.split("method=\"post\"", -1)).hasSize(2);
		long id = this.jdbc.sql("select id from audit_entry where actor = :a")
			.param("a", "ro-" + tag)
			.query(Long.class)
			.single();
		this.mvc.perform(post("/admin/audit/" + id + "/delete").with(ADMIN).with(csrf()))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(delete("/admin/audit/" + id).with(ADMIN).with(csrf())).andExpect(status().is4xxClientError());
		assertThat(this.jdbc.sql("select count(*) from audit_entry where id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

}
