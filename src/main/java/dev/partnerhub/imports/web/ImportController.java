package dev.partnerhub.imports.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.imports.domain.CsvImports;
import dev.partnerhub.imports.domain.CsvTable;
import dev.partnerhub.imports.domain.ImportKind;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/import}: upload a CSV (contacts or partners), see the dry run, start the
 * import, watch its progress (htmx polls a fragment), download the rows that failed.
 */
@ErrorPages(nav = "import", back = "/admin/import", backLabel = "Imports", notFound = "Import not found",
		notFoundDetail = "There is no import at this address.")
@Controller
class ImportController {

	/**
	 * The container refuses bigger uploads first (spring.servlet.multipart.max-file-size,
	 * 2 MB).
	 */
	static final long MAX_BYTES = 2L * 1024 * 1024;

	private static final List<String> CSV_TYPES = List.of("text/csv", "text/plain", "application/csv",
			"application/vnd.ms-excel", "text/comma-separated-values", "application/octet-stream");

	private final CsvImports imports;

	ImportController(CsvImports imports) {
		this.imports = imports;
	}

	@GetMapping("/admin/import")
	String index(Model model) {
		model.addAttribute("jobs", this.imports.recent(20));
		model.addAttribute("kinds", ImportKind.values());
		return "imports/index";
	}

	@PostMapping("/admin/import")
	String upload(@RequestParam(name = "kind", required = false) @Nullable String kind,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file, RedirectAttributes redirect) {
		try {
			ImportKind what = ImportKind.of(kind);
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException("file", "Choose a CSV file.");
			}
			if (file.getSize() > MAX_BYTES) {
				throw new InvalidInputException("file", "The file may have at most 2 MB; split it.");
			}
			String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
			String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
			if (!CSV_TYPES.contains(type.split(";")[0].strip()) && !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
				throw new InvalidInputException("file", "Upload a .csv file (this one is " + type + ").");
			}
			String content = CsvTable.decode(file.getBytes());
			long id = this.imports.upload(what, name, content, Actor.current());
			return "redirect:/admin/import/" + id;
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/admin/import";
		}
		catch (IOException ex) {
			redirect.addFlashAttribute("error", "The upload could not be read; try again.");
			return "redirect:/admin/import";
		}
	}

	@GetMapping("/admin/import/{id}")
	String show(@PathVariable String id, Model model) {
		CsvImports.Job job = find(id);
		model.addAttribute("job", job);
		model.addAttribute("kind", ImportKind.of(job.kind()));
		if ("draft".equals(job.status())) {
			model.addAttribute("dryRun", this.imports.dryRun(job.id()));
			model.addAttribute("previewRows", CsvImports.PREVIEW_ROWS);
		}
		return "imports/job";
	}

	@PostMapping("/admin/import/{id}/start")
	String start(@PathVariable String id, @RequestParam(defaultValue = "false") boolean invite) {
		CsvImports.Job job = find(id);
		this.imports.start(job.id(), invite);
		return "redirect:/admin/import/" + job.id();
	}

	@GetMapping("/admin/import/{id}/progress")
	String progress(@PathVariable String id, Model model) {
		model.addAttribute("job", find(id));
		return "imports/job :: progress";
	}

	@GetMapping("/admin/import/{id}/errors.csv")
	void errors(@PathVariable String id, HttpServletResponse response) throws IOException {
		CsvImports.Job job = find(id);
		Writer out = Csv.download(response, "import-" + job.id() + "-errors.csv", List.of("line", "error"));
		for (CsvImports.RowError error : this.imports.errors(job.id())) {
			Csv.writeRow(out, List.of(error.line(), error.message()));
		}
		out.flush();
	}

	private CsvImports.Job find(String id) {
		try {
			return this.imports.find(Long.parseLong(id)).orElseThrow(() -> new NotFoundException("No import " + id));
		}
		catch (NumberFormatException ex) {
			throw new NotFoundException("No import " + id);
		}
	}

}
