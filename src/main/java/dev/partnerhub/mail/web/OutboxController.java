package dev.partnerhub.mail.web;

import java.io.Writer;
import java.util.List;

import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.mail.domain.Outbox;
import dev.partnerhub.mail.domain.OutboxQueries;
import dev.partnerhub.mail.domain.OutboxQueries.Message;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's outbox: every e-mail the application queued, its delivery status and
 * error; resend.
 */
@Controller
class OutboxController {

	private static final List<String> CSV_HEADER = List.of("id", "created_at", "to", "subject", "template", "status",
			"attempts", "next_attempt_at", "sent_at", "last_error");

	private final OutboxQueries queries;

	private final Outbox outbox;

	private final MailDelivery delivery;

	OutboxController(OutboxQueries queries, Outbox outbox, MailDelivery delivery) {
		this.queries = queries;
		this.outbox = outbox;
		this.delivery = delivery;
	}

	@GetMapping("/admin/outbox")
	String list(@ModelAttribute OutboxFilter filter,
			@ListPage(size = 50, maxSize = 200,
					sortable = { "createdAt", "to", "status", "attempts", "sentAt", "subject" },
					sort = "createdAt,desc") Pageable pageable,
			HttpServletRequest request, Model model) {
		Page<Message> rows = this.queries.find(filter.status(), filter.to(), pageable);
		model.addAttribute("rows", rows);
		model.addAttribute("links", PageLinks.of(rows, ListParams.currentList(request)));
		model.addAttribute("statuses", OutboxQueries.STATUSES);
		model.addAttribute("selectedStatus", filter.status() == null ? "" : filter.status());
		model.addAttribute("to", filter.to() == null ? "" : filter.to());
		model.addAttribute("counts", this.queries.counts());
		model.addAttribute("smtpConfigured", this.delivery.smtpConfigured());
		return "mail/outbox";
	}

	@GetMapping("/admin/outbox.csv")
	void csv(@ModelAttribute OutboxFilter filter,
			@ListPage(sortable = { "createdAt", "to", "status", "attempts", "sentAt", "subject" },
					sort = "createdAt,desc") Sort sort,
			HttpServletResponse response) {
		Writer out = Csv.download(response, "outbox.csv", CSV_HEADER);
		this.queries.forEach(filter.status(), filter.to(), sort,
				m -> Csv.writeRow(out,
						List.of(m.id(), m.createdAt().toString(), m.to(), m.subject(), text(m.templateKey()),
								m.status(), m.attempts(), text(m.nextAttemptAt()), text(m.sentAt()),
								text(m.lastError()))));
	}

	@GetMapping("/admin/outbox/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("mail", this.queries.find(id).orElseThrow(() -> new NotFoundException("No e-mail " + id)));
		model.addAttribute("smtpConfigured", this.delivery.smtpConfigured());
		return "mail/outbox-message";
	}

	@PostMapping("/admin/outbox/{id}/resend")
	String resend(@PathVariable long id, RedirectAttributes redirect) {
		try {
			long queued = this.outbox.resend(id);
			redirect.addFlashAttribute("message", queued == id ? "E-mail " + id + " is queued again."
					: "A copy of e-mail " + id + " is queued as e-mail " + queued + ".");
			return "redirect:/admin/outbox/" + queued;
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/admin/outbox/" + id;
		}
	}

	private static String text(Object value) {
		return value == null ? "" : value.toString();
	}

}
