package dev.partnerhub.contacts.web;

import java.util.List;

import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.support.NotFoundException;
import jakarta.validation.Valid;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/contacts}: integrations push contacts (with the referral they arrived
 * with) and look them up.
 */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactRestController {

	private final ContactService contacts;

	private final ReferralResolver referrals;

	ContactRestController(ContactService contacts, ReferralResolver referrals) {
		this.contacts = contacts;
		this.referrals = referrals;
	}

	/**
	 * Upsert by e-mail: 201 when the contact is new, 200 when an existing one was
	 * updated.
	 */
	@PostMapping
	ResponseEntity<ContactResource> receive(@Valid @RequestBody ContactRequest request) {
		ContactService.Received received = this.contacts.receive(request.email(), request.firstName(),
				request.lastName(), request.referral());
		return ResponseEntity.status(received.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(resource(received.contact()));
	}

	@GetMapping(params = "email")
	ContactResource findByEmail(@RequestParam String email) {
		return this.contacts.findByEmail(email)
			.map(this::resource)
			.orElseThrow(() -> new NotFoundException("No contact with e-mail " + email.strip() + "."));
	}

	@GetMapping(params = "!email")
	ContactPage list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + ContactController.DEFAULT_PAGE_SIZE) int size) {
		Page<ContactSummary> found = this.contacts.search(q, ContactController.pageRequest(page, size, Sort.by("id")))
			.map(c -> c.summary());
		ReferrerCodes codes = new ReferrerCodes(this.referrals);
		return new ContactPage(found.map(c -> ContactResource.of(c, codes)).getContent(), found.getNumber(),
				found.getSize(), found.getTotalElements());
	}

	@GetMapping("/{id}")
	ContactResource get(@PathVariable long id) {
		return this.contacts.findById(id)
			.map(this::resource)
			.orElseThrow(() -> new NotFoundException("No contact " + id + "."));
	}

	private ContactResource resource(ContactSummary contact) {
		return ContactResource.of(contact, new ReferrerCodes(this.referrals));
	}

	/** Every list endpoint pages the same way. */
	record ContactPage(List<ContactResource> items, int page, int size, long total) {
	}

}
