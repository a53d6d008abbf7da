package dev.partnerhub.rollups.web;

import java.util.Arrays;
import java.util.List;

import dev.partnerhub.rollups.domain.ContestPrizes;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contest page's prize form (see {@link ContestPrizeApiController}).
 */
@Controller
class ContestPrizeController {

	private final ContestPrizes prizes;

	ContestPrizeController(ContestPrizes prizes) {
		this.prizes = prizes;
	}

	@PostMapping("/admin/contests/{id}/prizes")
	String save(@PathVariable long id, @RequestParam(required = false) @Nullable String prizes,
			RedirectAttributes redirect) {
		List<String> amounts = prizes == null || prizes.isBlank() ? List.of()
				: Arrays.stream(prizes.split(",")).map(String::strip).toList();
		try {
			this.prizes.setPrizes(id, amounts);
			redirect.addFlashAttribute("message", "Prizes saved.");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("error", "Prizes not saved: " + ex.getMessage());
		}
		return "redirect:/admin/contests/" + id + "#prizes";
	}

}
