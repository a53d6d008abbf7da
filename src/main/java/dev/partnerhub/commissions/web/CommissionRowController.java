package dev.partnerhub.commissions.web;

import java.util.List;
import java.util.Map;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.commissions.LifecycleResult;
import dev.partnerhub.commissions.domain.CommissionLifecycle;
import dev.partnerhub.commissions.domain.CommissionLifecycle.Kind;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Approve or decline one commission straight from its row in the list (no background job
 * for a single row): the same conditional update and audit entry as the bulk action, then
 * back to the list with its filter and page.
 */
@Controller
class CommissionRowController {

	private static final List<String> LIST_FIELDS = List.of("partner", "program", "sku", "status", "from", "to", "sort",
			"page", "size");

	private final CommissionLifecycle lifecycle;

	private final CommissionApi commissions;

	CommissionRowController(CommissionLifecycle lifecycle, CommissionApi commissions) {
		this.lifecycle = lifecycle;
		this.commissions = commissions;
	}

	/**
	 * An invalid lead (with a note, audited): its reward is declined while unpaid, or
	 * clawed back once paid.
	 */
	@PostMapping("/admin/commissions/{id}/invalid-lead")
	String invalidLead(@PathVariable String id, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
		try {
			long commission = parse(id);
			CommissionLine line = this.commissions.markLeadInvalid(commission, params.get("note"));
			redirect.addFlashAttribute("message",
					line.id() == commission ? "Lead " + commission + " marked invalid: its reward is declined."
							: "Lead " + commission + " marked invalid: its paid reward is clawed back (commission "
									+ line.id() + ").");
		}
		catch (InvalidInputException | NotFoundException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + backToList(params);
	}

	@PostMapping("/admin/commissions/{id}/approve")
	String approve(@PathVariable String id, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
		return apply(Kind.APPROVE, id, params, redirect);
	}

	@PostMapping("/admin/commissions/{id}/decline")
	String decline(@PathVariable String id, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
		return apply(Kind.DECLINE, id, params, redirect);
	}

	private String apply(Kind kind, String id, Map<String, String> params, RedirectAttributes redirect) {
		try {
			long commission = parse(id);
			LifecycleResult result = this.lifecycle.apply(kind, new long[] { commission }, params.get("reason"),
					Actor.current());
			if (result.changed() == 1) {
				redirect.addFlashAttribute("message",
						"Commission " + commission + " " + (kind == Kind.APPROVE ? "approved." : "declined."));
			}
			else {
				String why = result.skipped().isEmpty() ? "it was not found" : result.skipped().get(0).reason();
				redirect.addFlashAttribute("error", "Commission " + commission + " was not "
						+ (kind == Kind.APPROVE ? "approved" : "declined") + ": " + why + ".");
			}
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + backToList(params);
	}

	private static long parse(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("id", "No commission " + id + ".");
		}
	}

	private static String backToList(Map<String, String> params) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/admin/commissions");
		LIST_FIELDS.forEach(field -> {
			String value = params.get(field);
			if (value != null && !value.isBlank() && value.length() <= 100) {
				url.queryParam(field, value);
			}
		});
		return url.encode().build().toUriString();
	}

}
