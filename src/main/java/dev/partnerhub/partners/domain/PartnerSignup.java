package dev.partnerhub.partners.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupSettings;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public sign-up: contact, partner and (unverified) login in one transaction, so a
 * refusal anywhere leaves nothing behind. The referring partner (a partner code or a
 * click token, from the link's {@code ref} or the {@code ph_ref} cookie) becomes the
 * parent when he is approved. Verification, welcome and admin notification e-mails are
 * queued in the same transactions as the changes they announce.
 */
@Service
@Transactional
public class PartnerSignup {

	private final PartnerService partners;

	private final PartnerRepository repository;

	private final ContactApi contacts;

	private final ProgramApi programs;

	private final SignupSettings settings;

	private final AccountApi accounts;

	private final List<ReferralResolver> resolvers;

	private final MailApi mail;

	PartnerSignup(PartnerService partners, PartnerRepository repository, ContactApi contacts, ProgramApi programs,
			SignupSettings settings, AccountApi accounts, List<ReferralResolver> resolvers, MailApi mail) {
		this.partners = partners;
		this.repository = repository;
		this.contacts = contacts;
		this.programs = programs;
		this.settings = settings;
		this.accounts = accounts;
		this.resolvers = resolvers;
		this.mail = mail;
	}

	@Transactional(readOnly = true)
	public ProgramSummary program(String name) {
		String wanted = name == null ? "" : name.strip();
		return this.programs.findProgramBySlug(wanted)
			.or(() -> this.programs.findProgramByName(wanted))
			.orElseThrow(() -> new NotFoundException("There is no partner program called " + name + "."));
	}

	/** The program's URL slug, for its public sign-up URL. */
	public String slug(ProgramSummary program) {
		return this.programs.slugOf(program.id()).orElseThrow();
	}

	/**
	 * The approved partner a referral names, if any (for showing "invited by" on the
	 * form, and for the parent).
	 */
	@Transactional(readOnly = true)
	public Optional<PartnerSummary> referrer(String referral) {
		if (referral == null || referral.isBlank() || referral.length() > 500) {
			return Optional.empty();
		}
		for (ReferralResolver resolver : this.resolvers) {
			Optional<ReferralResolver.Referrer> found = resolver.resolve(referral.strip());
			if (found.isPresent()) {
				return this.partners.findById(found.get().partnerId())
					.filter(p -> p.status() == PartnerStatus.APPROVED);
			}
		}
		return Optional.empty();
	}

	/**
	 * Field-level problems are checked by the form; this enforces what needs the
	 * database.
	 */
	public PartnerSummary signUp(SignupRequest r) {
		ProgramSummary program = program(r.programName());
		String email = r.email().strip();
		Optional<ContactSummary> existing = this.contacts.findByEmail(email);
		if (existing.isPresent() && this.repository.findByContactId(existing.get().id()).isPresent()) {
			throw new ConflictException("email", "You are already a partner with this e-mail address: log in instead.");
		}
		if (this.accounts.hasLogin(email)) {
			throw new ConflictException("email",
					"An account with this e-mail address exists already: log in, or reset your password.");
		}
		Long parentId = referrer(r.referral()).map(PartnerSummary::id).orElse(null);
		// Unverified: anybody may type a customer's address here, so an existing contact
		// keeps his name.
		ContactSummary contact = this.contacts.receivePublic(email, r.firstName().strip(), r.lastName().strip(), null)
			.contact();
		PartnerStatus status = this.settings.autoApprovesPartners(program.id()) ? PartnerStatus.APPROVED
				: PartnerStatus.PENDING;
		String payout = r.payoutEmail() == null || r.payoutEmail().isBlank() ? null : r.payoutEmail().strip();
		PartnerSummary partner = this.partners
			.enroll(new Enrollment(contact.id(), program.id(), null, status, parentId, payout, null), true);
		this.accounts.createUnverifiedPartnerLogin(contact.id(), partner.id(), email, r.password());
		return partner;
	}

	/**
	 * Uses a verification link: the login works from now on, and the welcome e-mail and
	 * the admins' notification are queued (once each, however often the link is opened).
	 * Empty for an unknown, used or expired link.
	 */
	public Optional<PartnerSummary> verify(String token) {
		Optional<PartnerSummary> partner = this.accounts.verifyEmail(token)
			.flatMap(contactId -> this.repository.findByContactId(contactId).map(Partner::summary));
		partner.ifPresent(p -> {
			ContactSummary contact = this.contacts.findById(p.contactId()).orElseThrow();
			this.mail.queue(MailRequest.of("partner-welcome", contact.email())
				.forPartner(p.id())
				.dedupe("partner-welcome:" + p.id()));
			String parentCode = p.parentId() == null ? null
					: this.repository.findById(p.parentId()).map(Partner::getCode).orElse(null);
			for (String admin : this.accounts.adminEmails()) {
				this.mail.queue(MailRequest.of("admin-new-partner", admin)
					.forPartner(p.id())
					.with("parentCode", parentCode)
					.with("adminUrl", this.mail.baseUrl() + "/admin/partners/" + p.id())
					.dedupe("admin-new-partner:" + p.id() + ":" + admin.toLowerCase(Locale.ROOT)));
			}
		});
		return partner;
	}

	public record SignupRequest(String programName, @Nullable String firstName, @Nullable String lastName, String email,
			String password, @Nullable String payoutEmail, @Nullable String referral) {
	}

}
