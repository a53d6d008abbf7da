package dev.partnerhub.notices.web;

import java.util.Set;

import dev.partnerhub.notices.Notice;
import dev.partnerhub.notices.domain.NoticeSettings;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console: which notices a program sends (linked from the program page). */
@Controller
class NoticeSettingsController {

	private final NoticeSettings settings;

	private final ProgramApi programs;

	NoticeSettingsController(NoticeSettings settings, ProgramApi programs) {
		this.settings = settings;
		this.programs = programs;
	}

	@GetMapping("/admin/programs/{id}/notices")
	String show(@PathVariable long id, Model model) {
		ProgramSummary program = program(id);
		model.addAttribute("program", program);
		model.addAttribute("notices", this.settings.all(id));
		return "notices/program";
	}

	@PostMapping("/admin/programs/{id}/notices")
	String save(@PathVariable long id, @RequestParam(required = false) @Nullable Set<String> enabled,
			RedirectAttributes redirect) {
		program(id);
		Set<String> on = enabled == null ? Set.of() : enabled;
		for (Notice notice : Notice.values()) {
			this.settings.set(id, notice, on.contains(notice.key()));
		}
		redirect.addFlashAttribute("message", "Notices saved.");
		return "redirect:/admin/programs/" + id + "/notices";
	}

	private ProgramSummary program(long id) {
		return this.programs.findProgram(id).orElseThrow(() -> new NotFoundException("No program " + id));
	}

}
