package dev.partnerhub.rollups.web;

import java.io.Writer;
import java.util.List;
import java.util.Map;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.domain.ContestPrizes;
import dev.partnerhub.rollups.domain.ContestService;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: contests list, create/edit/delete, the contest page with paginated standings
 * and their CSV.
 */
@ErrorPages(nav = "contests", back = "/admin/contests", backLabel = "Back to contests", notFound = "Contest not found",
		notFoundDetail = "There is no such contest; it may have been deleted.")
@Controller
class ContestConsoleController {

	static final int PAGE_SIZE = 25;

	private static final Map<String, String> FIELDS = Map.of("name", "name", "program", "programId", "products", "skus",
			"startsOn", "startsOn", "endsOn", "endsOn", "measure", "measure", "rollup", "rollupFieldId");

	private final ContestService contests;

	private final RollupDefinitions definitions;

	private final ProgramApi programs;

	private final ContestPrizes prizes;

	ContestConsoleController(ContestService contests, RollupDefinitions definitions, ProgramApi programs,
			ContestPrizes prizes) {
		this.prizes = prizes;
		this.contests = contests;
		this.definitions = definitions;
		this.programs = programs;
	}

	@InitBinder("contestForm")
	void binder(WebDataBinder binder) {
		ConsoleForms.configure(binder);
	}

	@GetMapping("/admin/contests")
	String list(Model model) {
		model.addAttribute("contests", this.contests.all());
		model.addAttribute("today", this.contests.today());
		return "contests/list";
	}

	@GetMapping("/admin/contests/new")
	String createForm(Model model) {
		ContestForm form = new ContestForm();
		form.setStartsOn(this.contests.today());
		model.addAttribute("contestForm", form);
		return form(model, null);
	}

	@PostMapping("/admin/contests/new")
	String create(@ModelAttribute ContestForm contestForm, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				Contest contest = this.contests.create(contestForm.draft());
				redirect.addFlashAttribute("message", "Contest " + contest.name() + " created."
						+ (contest.ownsRollup() ? " Its standings are computed in the background." : ""));
				return "redirect:/admin/contests/" + contest.id();
			}
			catch (InvalidInputException ex) {
				ConsoleForms.reject(result, FIELDS.get(ex.field()), ex.getMessage());
			}
			catch (ConflictException ex) {
				ConsoleForms.reject(result, FIELDS.get(ex.field()), ex.getMessage());
			}
		}
		return form(model, null);
	}

	@GetMapping("/admin/contests/{id}")
	String show(@PathVariable long id, @ListPage(size = PAGE_SIZE, sizeParameter = false) Pageable pageable,
			HttpServletRequest request, Model model) {
		Contest contest = this.contests.get(id);
		long total = this.contests.standingsSize(id);
		List<LeaderboardEntry> entries = pageable.getOffset() >= total ? List.of()
				: this.contests.standings(id, pageable.getOffset(), pageable.getPageSize());
		Page<LeaderboardEntry> standings = new PageImpl<>(entries, pageable, total);
		model.addAttribute("contest", contest);
		model.addAttribute("status", contest.status(this.contests.today()));
		model.addAttribute("standings", standings);
		model.addAttribute("standingsCurrency",
				this.programs.allPrograms()
					.stream()
					.filter(p -> p.id() == contest.programId())
					.map(dev.partnerhub.programs.ProgramSummary::currency)
					.findFirst()
					.orElse(null));
		model.addAttribute("links", PageLinks.of(standings, ConsoleForms.current(request)));
		model.addAttribute("recompute",
				contest.rollupFieldId() == null ? null
						: this.definitions.findListed(contest.rollupFieldId())
							.map(RollupDefinitions.Listed::recompute)
							.orElse(null));
		model.addAttribute("rollup",
				contest.rollupFieldId() == null ? null : this.definitions.find(contest.rollupFieldId()).orElse(null));
		model.addAttribute("prizes", this.prizes.prizesOf(id));
		model.addAttribute("awards", this.prizes.awardsOf(id));
		return "contests/show";
	}

	@GetMapping("/admin/contests/{id}/standings.csv")
	void csv(@PathVariable long id, HttpServletResponse response) {
		Contest contest = this.contests.get(id);
		long total = this.contests.standingsSize(id);
		Writer out = Csv.download(response, "contest-" + id + "-standings.csv",
				List.of("rank", "partner code", "name", "value"));
		for (long offset = 0; offset < total; offset += 500) {
			for (LeaderboardEntry entry : this.contests.standings(contest.id(), offset, 500)) {
				Csv.writeRow(out, List.of(entry.rank(), entry.partnerCode(), entry.name(), entry.display()));
			}
		}
	}

	@GetMapping("/admin/contests/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		Contest contest = this.contests.get(id);
		String measure = contest.ownsRollup() && contest.rollupFieldId() != null
				&& this.definitions.find(contest.rollupFieldId())
					.map(f -> f.function() == RollupFunction.COUNT)
					.orElse(false) ? "count" : "amount";
		model.addAttribute("contestForm", ContestForm.of(contest, measure));
		return form(model, contest);
	}

	@PostMapping("/admin/contests/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute ContestForm contestForm, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		Contest contest = this.contests.get(id);
		if (!result.hasErrors()) {
			try {
				this.contests.update(id, contestForm.draft(), contestForm.getVersion());
				redirect.addFlashAttribute("message", "Contest saved.");
				return "redirect:/admin/contests/" + id;
			}
			catch (InvalidInputException ex) {
				ConsoleForms.reject(result, FIELDS.get(ex.field()), ex.getMessage());
			}
			catch (ConflictException ex) {
				ConsoleForms.reject(result, FIELDS.get(ex.field()), ex.getMessage());
			}
			catch (OptimisticLockingFailureException ex) {
				// the form keeps what this admin typed; saving again needs a reload first
				result.reject("changed", "Someone else saved this contest meanwhile: reload it to see their change.");
				response.setStatus(HttpServletResponse.SC_CONFLICT);
			}
		}
		return form(model, contest);
	}

	@PostMapping("/admin/contests/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		Contest contest = this.contests.get(id);
		this.contests.delete(id);
		redirect.addFlashAttribute("message", "Contest " + contest.name() + " deleted.");
		return "redirect:/admin/contests";
	}

	private String form(Model model, Contest contest) {
		model.addAttribute("contest", contest);
		model.addAttribute("programs", this.programs.allPrograms());
		model.addAttribute("products", this.programs.allProducts());
		model.addAttribute("rollupFields", this.contests.rollupFields());
		return "contests/form";
	}

}
