package dev.partnerhub.partnercenter.web;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.EarningsTotal;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.payouts.PayoutApi;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.tracking.TrackingApi;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where a partner lands after login: his program, his tracked link, his earnings by status and his next payment.
 * Everything is looked up from the logged-in user's own contact, never from a request parameter.
 */
@Controller
class PartnerHomeController {

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final CommissionApi commissions;

	private final PayoutApi payouts;

	private final TrackingApi tracking;

	PartnerHomeController(ContactApi contacts, PartnerApi partners, ProgramApi programs, CommissionApi commissions,
			PayoutApi payouts, TrackingApi tracking) {
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
		this.commissions = commissions;
		this.payouts = payouts;
		this.tracking = tracking;
	}

	@GetMapping("/partner")
	String home(Principal principal, Model model) {
		ContactSummary contact = this.contacts.findByEmail(principal.getName()).orElse(null);
		model.addAttribute("contact", contact);
		PartnerSummary partner = contact == null ? null : this.partners.findByContactId(contact.id()).orElse(null);
		model.addAttribute("partner", partner);
		model.addAttribute("settings", this.programs.settings());
		if (partner != null) {
			model.addAttribute("program", this.programs.findProgram(partner.programId()).orElse(null));
			model.addAttribute("trackedLink", this.tracking.trackedLink(partner.code(), null));
			model.addAttribute("earnings", byStatus(this.commissions.earningsOf(partner.id())));
			model.addAttribute("nextPayment", this.payouts.nextPayment(partner.id()).orElse(null));
		}
		return "partnercenter/home";
	}

	/** One total per status (a partner's commissions share his program's currency; others are added as recorded). */
	private static Map<CommissionStatus, BigDecimal> byStatus(List<EarningsTotal> totals) {
		Map<CommissionStatus, BigDecimal> sums = new EnumMap<>(CommissionStatus.class);
		for (CommissionStatus status : CommissionStatus.values()) {
			sums.put(status, BigDecimal.ZERO.setScale(2));
		}
		totals.forEach(total -> sums.merge(total.status(), total.amount(), BigDecimal::add));
		return sums;
	}

}
