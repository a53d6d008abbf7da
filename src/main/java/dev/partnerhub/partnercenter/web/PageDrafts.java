package dev.partnerhub.partnercenter.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.partnerhub.partnercenter.domain.PcPages.PageDraft;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * A partner-center page as the builder's form posts it: read leniently (so the form can
 * show what was typed), then checked — title, slug, order, and the programs it is for.
 */
@Component
class PageDrafts {

	private final ProgramApi programs;

	PageDrafts(ProgramApi programs) {
		this.programs = programs;
	}

	static PageDraft of(PcPage page) {
		return new PageDraft(page.title(), page.slug(), page.navOrder(), page.anyProgram(), page.programIds(),
				page.membersOnly(), page.published());
	}

	PageDraft read(Map<String, String> form, List<String> ids) {
		List<Long> programIds = new ArrayList<>();
		if (ids != null) {
			for (String id : ids) {
				if (id != null && id.matches("\\d{1,18}")) {
					programIds.add(Long.valueOf(id));
				}
			}
		}
		int order;
		try {
			order = Integer.parseInt(form.getOrDefault("navOrder", "0").strip().isEmpty() ? "0"
					: form.getOrDefault("navOrder", "0").strip());
		}
		catch (NumberFormatException ex) {
			order = Integer.MIN_VALUE;
		}
		return new PageDraft(form.getOrDefault("title", "").strip(),
				form.getOrDefault("slug", "").strip().toLowerCase(java.util.Locale.ROOT), order,
				"any".equals(form.get("mode")), programIds, form.containsKey("membersOnly"),
				form.containsKey("published"));
	}

	PageDraft check(PageDraft draft) {
		if (draft.title().isEmpty() || draft.title().length() > 200) {
			throw new InvalidInputException("title", "Enter a title (at most 200 characters).");
		}
		if (!draft.slug().matches("[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")) {
			throw new InvalidInputException("slug",
					"The slug is the page's address: lower-case letters, digits and hyphens, e.g. launch-2026.");
		}
		if (draft.navOrder() < 0 || draft.navOrder() > 1000) {
			throw new InvalidInputException("navOrder", "Order is a whole number from 0 to 1000.");
		}
		Map<Long, String> names = programNames();
		for (Long id : draft.programIds()) {
			if (!names.containsKey(id)) {
				throw new InvalidInputException("programs", "Unknown program.");
			}
		}
		if (!draft.anyProgram() && draft.programIds().isEmpty()) {
			throw new InvalidInputException("programs",
					"Choose at least one program, or show the page to partners of any program.");
		}
		if (draft.membersOnly() && draft.anyProgram()) {
			throw new InvalidInputException("programs",
					"Members-only content is for partners of chosen programs: choose the programs.");
		}
		return draft.anyProgram() ? new PageDraft(draft.title(), draft.slug(), draft.navOrder(), true, List.of(),
				draft.membersOnly(), draft.published()) : draft;
	}

	Map<Long, String> programNames() {
		return this.programs.allPrograms()
			.stream()
			.collect(Collectors.toMap(ProgramSummary::id, ProgramSummary::name, (a, b) -> a, LinkedHashMap::new));
	}

}
