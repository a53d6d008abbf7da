package dev.partnerhub.commissions.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.commissions.domain.BulkJobs;
import dev.partnerhub.commissions.domain.CommissionLifecycle;
import dev.partnerhub.commissions.domain.CommissionLifecycle.Kind;
import dev.partnerhub.commissions.domain.CommissionQueries.Filter;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Bulk approve/decline from the commission list (the selected rows, or everything the
 * list's filter matches), run as a background job; the job pages show its progress (htmx
 * polls a fragment) and can be left and come back to.
 */
@ErrorPages(nav = "commissions", back = "/admin/jobs", backLabel = "Recent bulk jobs", notFound = "Job not found",
		notFoundDetail = "There is no bulk job at this address.")
@Controller
class BulkJobConsoleController {

	private static final List<String> FILTER_FIELDS = List.of("partner", "program", "sku", "status", "from", "to");

	private final BulkJobs jobs;

	BulkJobConsoleController(BulkJobs jobs) {
		this.jobs = jobs;
	}

	@PostMapping("/admin/commissions/bulk")
	String bulk(@RequestParam Map<String, String> params, @ModelAttribute CommissionListParams filterParams,
			@RequestParam(name = "ids", required = false) @Nullable List<String> ids, RedirectAttributes redirect) {
		Kind kind = "decline".equals(params.get("action")) ? Kind.DECLINE
				: "approve".equals(params.get("action")) ? Kind.APPROVE : null;
		try {
			if (kind == null) {
				throw new InvalidInputException("action", "Choose Approve or Decline.");
			}
			String actor = Actor.current();
			long id;
			if ("filter".equals(params.get("scope"))) {
				// Same forgiving parse as the list page: the job covers exactly what the
				// list showed.
				Filter filter = CommissionConsoleController.filter(filterParams, new ArrayList<>());
				id = this.jobs.submitFilter(kind, filter, params.get("reason"), actor, CommissionLifecycle.CHUNK);
			}
			else {
				id = this.jobs.submitIds(kind, parse(ids), params.get("reason"), actor);
			}
			return "redirect:/admin/jobs/" + id;
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:" + backToList(params);
		}
	}

	@GetMapping("/admin/jobs")
	String list(Model model) {
		model.addAttribute("jobs", this.jobs.recent(50));
		return "commissions/jobs";
	}

	@GetMapping("/admin/jobs/{id}")
	String show(@PathVariable String id, Model model) {
		model.addAttribute("job", find(id));
		return "commissions/job";
	}

	/** The progress bar alone, for htmx to swap in every second while the job runs. */
	@GetMapping("/admin/jobs/{id}/progress")
	String progress(@PathVariable String id, Model model) {
		model.addAttribute("job", find(id));
		return "commissions/job :: progress";
	}

	private BulkJobs.Job find(String id) {
		try {
			return this.jobs.find(Long.parseLong(id))
				.orElseThrow(() -> new dev.partnerhub.support.NotFoundException("No job " + id + "."));
		}
		catch (NumberFormatException ex) {
			throw new dev.partnerhub.support.NotFoundException("No job " + id + ".");
		}
	}

	private static long[] parse(List<String> ids) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidInputException("ids",
					"Select at least one commission, or choose all matching the filter.");
		}
		try {
			return ids.stream().mapToLong(id -> Long.parseLong(id.strip())).toArray();
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("ids", "The selection was not understood; select the rows again.");
		}
	}

	private static String backToList(Map<String, String> params) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/admin/commissions");
		FILTER_FIELDS.forEach(field -> {
			String value = params.get(field);
			if (value != null && !value.isBlank()) {
				url.queryParam(field, value);
			}
		});
		return url.encode().build().toUriString();
	}

}
