package dev.partnerhub.automation.web;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The contact page's "Tags and automation" card, loaded with htmx (contacts does not
 * depend on automation): the tags rule actions set, the rules that fired for the
 * contact's partner and his sequences.
 */
@Controller
class ContactAutomationController {

	record Fired(String rule, int crossing, Instant at) {
	}

	record Enrolment(String sequence, Instant startedAt, String state) {
	}

	private final JdbcClient jdbc;

	ContactAutomationController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/admin/automation/contact/{contactId}")
	String contactCard(@PathVariable long contactId, Model model) {
		List<String> tags = this.jdbc.sql("select tag from contact_tag where contact_id = :c order by lower(tag)")
			.param("c", contactId)
			.query(String.class)
			.list();
		List<Fired> fired = this.jdbc.sql("""
				select r.name, f.crossing_no, f.fired_at from rule_firing f
				join automation_rule r on r.id = f.rule_id join partner_directory p on p.id = f.partner_id
				where p.contact_id = :c order by f.fired_at desc limit 20""")
			.param("c", contactId)
			.query((rs, n) -> new Fired(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
			.list();
		List<Enrolment> enrolments = this.jdbc
			.sql("""
					select s.name, e.started_at, case when e.stopped_at is not null then 'stopped'
					  when e.completed_at is not null then 'completed' else 'running' end
					from automation_enrolment e join automation_sequence s on s.id = e.sequence_id
					join partner_directory p on p.id = e.partner_id where p.contact_id = :c order by e.started_at desc limit 20""")
			.param("c", contactId)
			.query((rs, n) -> new Enrolment(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
			.list();
		model.addAttribute("tags", tags);
		model.addAttribute("fired", fired);
		model.addAttribute("enrolments", enrolments);
		return "automation/contact-card :: card";
	}

}
