package dev.partnerhub.automation.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.EarningsTotal;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.mail.MergeFieldSource;
import dev.partnerhub.mail.MergeSubjects;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.tracking.TrackingApi;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's merge fields for e-mail templates, from the public APIs of partners,
 * contacts, programs, tracking and commissions. It lives in automation (which depends on
 * all of them) so the mail module depends on none.
 */
@Component
@Transactional(readOnly = true)
class PartnerMergeFields implements MergeFieldSource, MergeSubjects {

	private final PartnerApi partners;

	private final ContactApi contacts;

	private final ProgramApi programs;

	private final TrackingApi tracking;

	private final CommissionApi commissions;

	private final JdbcClient jdbc;

	PartnerMergeFields(PartnerApi partners, ContactApi contacts, ProgramApi programs, TrackingApi tracking,
			CommissionApi commissions, JdbcClient jdbc) {
		this.partners = partners;
		this.contacts = contacts;
		this.programs = programs;
		this.tracking = tracking;
		this.commissions = commissions;
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Object> fieldsFor(long partnerId) {
		PartnerSummary partner = this.partners.findById(partnerId).orElse(null);
		if (partner == null) {
			return Map.of();
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		Optional<ContactSummary> contact = this.contacts.findById(partner.contactId());
		fields.put("firstName", contact.map(ContactSummary::firstName).orElse(""));
		fields.put("lastName", contact.map(ContactSummary::lastName).orElse(""));
		fields.put("email", contact.map(ContactSummary::email).orElse(""));
		fields.put("code", partner.code());
		fields.put("status", partner.status().value());
		fields.put("payoutEmail", partner.payoutEmail());
		Optional<ProgramSummary> program = this.programs.findProgram(partner.programId());
		fields.put("programName", program.map(ProgramSummary::name).orElse(""));
		fields.put("currency", program.map(ProgramSummary::currency).orElse(""));
		fields.put("referralLink", this.tracking.trackedLink(partner.code(), null));
		fields.put("signupLink", this.partners.signupLink(partnerId).orElse(""));
		List<Map<String, Object>> tools = this.tracking.promoToolLinks(partner.programId(), partner.code())
			.stream()
			.map(tool -> Map.<String, Object>of("name", tool.name(), "kind", tool.kind(), "link", tool.link()))
			.toList();
		fields.put("promoTools", tools);
		fields.put("hasPromoTools", !tools.isEmpty());
		// in his program's currency, like {{currency}} says: amounts of other currencies
		// are never added in
		String currency = program.map(ProgramSummary::currency).orElse("");
		Map<CommissionStatus, BigDecimal> totals = new java.util.EnumMap<>(CommissionStatus.class);
		for (EarningsTotal total : this.commissions.earningsOf(partnerId)) {
			if (total.currency().equals(currency)) {
				totals.merge(total.status(), total.amount(), BigDecimal::add);
			}
		}
		fields.put("pendingTotal", money(totals.get(CommissionStatus.PENDING)));
		fields.put("approvedTotal", money(totals.get(CommissionStatus.APPROVED)));
		fields.put("paidTotal", money(totals.get(CommissionStatus.PAID)));
		return fields;
	}

	@Override
	public Map<String, String> describe() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("firstName", "Partner's first name");
		fields.put("lastName", "Partner's last name");
		fields.put("email", "Partner's e-mail (their login)");
		fields.put("code", "Partner's referral code");
		fields.put("status", "pending, approved or suspended");
		fields.put("payoutEmail", "PayPal e-mail for payouts");
		fields.put("programName", "The partner's program");
		fields.put("currency", "The program's currency");
		fields.put("referralLink", "The partner's tracked link");
		fields.put("signupLink", "Sign-up link to recruit partners under this partner (tier 2)");
		fields.put("promoTools",
				"List of promo tools: {{#each promoTools as tool}}{{tool.name}}: {{tool.link}}{{/each}}");
		fields.put("promoTools.name", "A promo tool's name");
		fields.put("promoTools.kind", "Its kind (link, banner, email, lightbox)");
		fields.put("promoTools.link", "Its tracked link");
		fields.put("hasPromoTools", "true when the program has promo tools");
		fields.put("pendingTotal", "Pending commissions in the program's currency, e.g. 12.50");
		fields.put("approvedTotal", "Approved (unpaid) commissions");
		fields.put("paidTotal", "Paid commissions");
		return fields;
	}

	@Override
	public Optional<Subject> find(String codeOrId) {
		if (codeOrId == null || codeOrId.isBlank()) {
			return Optional.empty();
		}
		String text = codeOrId.strip();
		Optional<PartnerSummary> partner = this.partners.findByCode(text);
		if (partner.isEmpty() && text.matches("\\d{1,18}")) {
			partner = this.partners.findById(Long.parseLong(text));
		}
		return partner.map(p -> new Subject(p.id(), p.code(),
				this.contacts.findById(p.contactId()).map(ContactSummary::email).orElse("")));
	}

	@Override
	public List<Subject> recent(int limit) {
		// a read-only list for the preview picker; the partners API has no "newest" query
		return this.jdbc.sql("""
				select p.id, p.code, c.email from partner_directory p join contact_directory c on c.id = p.contact_id
				order by p.id desc limit :limit
				""")
			.param("limit", limit)
			.query((rs, n) -> new Subject(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	private static String money(BigDecimal amount) {
		return (amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

}
