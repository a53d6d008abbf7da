package dev.partnerhub.partners.domain;

import java.security.SecureRandom;
import java.util.Locale;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PayoutEmail;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import org.springframework.stereotype.Component;
import java.security.SecureRandom;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a partner's code, parent, program and payout e-mail must be before he is stored,
 * and a readable free code when none is given.
 */
@Component
class PartnerChecks {

	private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private final PartnerRepository partners;

	private final ProgramApi programs;

	private final SecureRandom random = new SecureRandom();

	PartnerChecks(PartnerRepository partners, ProgramApi programs) {
		this.partners = partners;
		this.programs = programs;
	}

	@Nullable Long checkedParent(Partner partner, Long parentId) {
		if (parentId == null) {
			return null;
		}
		if (this.partners.findById(parentId).isEmpty()) {
			throw new InvalidInputException("parent", "The parent partner does not exist.");
		}
		if (this.partners.selfAndAncestors(parentId).contains(partner.getId())) {
			throw new InvalidInputException("parent",
					"That parent would make a cycle: a partner cannot be their own ancestor.");
		}
		return parentId;
	}

	String checkedCode(Long id, String code) {
		String trimmed = code.strip();
		if (!trimmed.matches("[A-Za-z0-9_-]{3,40}")) {
			throw new InvalidInputException("code", "Code must be 3 to 40 letters, digits, dashes or underscores.");
		}
		this.partners.findByCodeIgnoreCase(trimmed).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
			throw new ConflictException("code", "The code " + trimmed + " is taken.");
		});
		return trimmed;
	}

	/**
	 * A readable code from the contact's name plus random characters, e.g.
	 * {@code jane-k7m2}.
	 */
	String generateCode(ContactSummary contact) {
		String stem = (contact.firstName().isBlank() ? contact.email().split("@")[0] : contact.firstName())
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]", "");
		stem = stem.length() > 20 ? stem.substring(0, 20) : stem;
		for (int attempt = 0; attempt < 20; attempt++) {
			StringBuilder code = new StringBuilder(stem.isEmpty() ? "p" : stem).append('-');
			for (int i = 0; i < 4 + attempt / 5; i++) {
				code.append(CODE_ALPHABET.charAt(this.random.nextInt(CODE_ALPHABET.length())));
			}
			if (this.partners.findByCodeIgnoreCase(code.toString()).isEmpty()) {
				return code.toString();
			}
		}
		throw new IllegalStateException("Could not generate a free partner code");
	}

	void requireProgram(long programId) {
		if (this.programs.findProgram(programId).isEmpty()) {
			throw new InvalidInputException("program", "The program does not exist.");
		}
	}

	/**
	 * Stripped, null when blank; one that a spreadsheet would run as a formula is refused
	 * ({@link PayoutEmail}).
	 */
	static String checkedPayoutEmail(String payoutEmail) {
		if (PayoutEmail.Check.refused(payoutEmail)) {
			throw new InvalidInputException("payoutEmail", PayoutEmail.MESSAGE);
		}
		return blank(payoutEmail) ? null : payoutEmail.strip();
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
