package dev.partnerhub.automation.web;

import java.time.Clock;

import dev.partnerhub.automation.domain.EnrolmentQueries;
import dev.partnerhub.automation.domain.SequenceEnrolments;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The unsubscribe link of lead sequence e-mails (public, no login): the page asks, the
 * POST (with its CSRF token) stops the lead's enrolment for good. A GET changes nothing,
 * so a mail scanner following links cannot unsubscribe anybody; the token is 256 random
 * bits, one per enrolment.
 */
@Controller
class LeadUnsubscribeController {

	private final EnrolmentQueries queries;

	private final SequenceEnrolments enrolments;

	private final Clock clock;

	LeadUnsubscribeController(EnrolmentQueries queries, SequenceEnrolments enrolments, Clock clock) {
		this.queries = queries;
		this.enrolments = enrolments;
		this.clock = clock;
	}

	@GetMapping("/join/unsubscribe")
	String page(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		String sequence = this.queries.unsubscribable(token).orElse(null);
		if (sequence == null) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("invalid", true);
		}
		model.addAttribute("sequence", sequence);
		model.addAttribute("token", token.length() > 100 ? "" : token);
		model.addAttribute("done", false);
		return "automation/unsubscribe";
	}

	@PostMapping("/join/unsubscribe")
	String unsubscribe(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		String sequence = this.enrolments.unsubscribe(token, this.clock.instant()).orElse(null);
		if (sequence == null) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("invalid", true);
		}
		model.addAttribute("sequence", sequence);
		model.addAttribute("done", sequence != null);
		return "automation/unsubscribe";
	}

}
