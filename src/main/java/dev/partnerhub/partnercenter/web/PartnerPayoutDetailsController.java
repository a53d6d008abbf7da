package dev.partnerhub.partnercenter.web;

import java.security.Principal;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.payouts.PayoutDetailsApi;
import dev.partnerhub.payouts.PayoutDetailsApi.MethodView;
import dev.partnerhub.payouts.PayoutDetailsApi.TaxView;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * His payout method and tax details, through the payouts API, always for the logged-in
 * partner (never an id from the request). Numbers are shown masked and never put back
 * into a form.
 */
@ErrorPages(nav = "", back = "/partner", backLabel = "Back to your dashboard",
		notFoundDetail = "There is nothing here.")
@Controller
class PartnerPayoutDetailsController {

	private static final String VIEW = "partnercenter/payout-details";

	private final CurrentPartner current;

	private final PayoutDetailsApi details;

	PartnerPayoutDetailsController(CurrentPartner current, PayoutDetailsApi details) {
		this.current = current;
		this.details = details;
	}

	static class MethodForm {

		@Size(max = 10)
		private String method;

		@Size(max = 254, message = "At most 254 characters.")
		private String payoutEmail;

		@Size(max = 140, message = "At most 140 characters.")
		private String accountHolder;

		@Size(max = 50, message = "At most 50 characters.")
		private String iban;

		@Size(max = 20, message = "At most 20 characters.")
		private String bic;

		@Size(max = 500, message = "At most 500 characters.")
		private String localDetails;

		@Size(max = 1000, message = "At most 1000 characters.")
		private String instructions;

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

		public String getPayoutEmail() {
			return this.payoutEmail;
		}

		public void setPayoutEmail(String payoutEmail) {
			this.payoutEmail = payoutEmail;
		}

		public String getAccountHolder() {
			return this.accountHolder;
		}

		public void setAccountHolder(String accountHolder) {
			this.accountHolder = accountHolder;
		}

		public String getIban() {
			return this.iban;
		}

		public void setIban(String iban) {
			this.iban = iban;
		}

		public String getBic() {
			return this.bic;
		}

		public void setBic(String bic) {
			this.bic = bic;
		}

		public String getLocalDetails() {
			return this.localDetails;
		}

		public void setLocalDetails(String localDetails) {
			this.localDetails = localDetails;
		}

		public String getInstructions() {
			return this.instructions;
		}

		public void setInstructions(String instructions) {
			this.instructions = instructions;
		}

	}

	static class TaxForm {

		@Size(max = 200, message = "At most 200 characters.")
		private String legalName;

		@Size(max = 2, message = "Two letters, like DE or US.")
		private String country;

		@Size(max = 40, message = "At most 40 characters.")
		private String taxId;

		@Size(max = 10)
		private String entityType;

		private boolean usPerson;

		private boolean declared;

		@Size(max = 200, message = "At most 200 characters.")
		private String signedName;

		public String getLegalName() {
			return this.legalName;
		}

		public void setLegalName(String legalName) {
			this.legalName = legalName;
		}

		public String getCountry() {
			return this.country;
		}

		public void setCountry(String country) {
			this.country = country;
		}

		public String getTaxId() {
			return this.taxId;
		}

		public void setTaxId(String taxId) {
			this.taxId = taxId;
		}

		public String getEntityType() {
			return this.entityType;
		}

		public void setEntityType(String entityType) {
			this.entityType = entityType;
		}

		public boolean isUsPerson() {
			return this.usPerson;
		}

		public void setUsPerson(boolean usPerson) {
			this.usPerson = usPerson;
		}

		public boolean isDeclared() {
			return this.declared;
		}

		public void setDeclared(boolean declared) {
			this.declared = declared;
		}

		public String getSignedName() {
			return this.signedName;
		}

		public void setSignedName(String signedName) {
			this.signedName = signedName;
		}

	}

	@GetMapping("/partner/payout-details")
	String page(Principal principal, Model model) {
		Me me = this.current.require(principal);
		MethodView method = this.details.method(me.partnerId());
		MethodForm methodForm = new MethodForm();
		methodForm.setMethod(method.method());
		methodForm.setPayoutEmail(method.payoutEmail());
		methodForm.setAccountHolder(method.accountHolder());
		methodForm.setInstructions(method.instructions());
		TaxView tax = this.details.taxDetails(me.partnerId());
		TaxForm taxForm = new TaxForm();
		if (tax.onFile()) {
			taxForm.setLegalName(tax.legalName());
			taxForm.setCountry(tax.country());
			taxForm.setEntityType(tax.entityType());
			taxForm.setUsPerson(Boolean.TRUE.equals(tax.usPerson()));
		}
		return show(model, me, methodForm, taxForm);
	}

	@PostMapping("/partner/payout-details/method")
	String saveMethod(Principal principal, @Valid @ModelAttribute("methodForm") MethodForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		Me me = this.current.require(principal);
		if (!errors.hasErrors()) {
			try {
				this.details.changeMethod(me.partnerId(),
						new PayoutDetailsApi.MethodChange(form.getMethod(), form.getPayoutEmail(),
								form.getAccountHolder(), form.getIban(), form.getBic(), form.getLocalDetails(),
								form.getInstructions()));
				redirect.addFlashAttribute("message", "Your payout method was saved.");
				return "redirect:/partner/payout-details";
			}
			catch (InvalidInputException ex) {
				reject(errors, ex);
			}
		}
		// the numbers are never echoed back into the page
		form.setIban(null);
		form.setBic(null);
		form.setLocalDetails(null);
		return show(model, me, form, new TaxForm());
	}

	@PostMapping("/partner/payout-details/tax")
	String saveTax(Principal principal, @Valid @ModelAttribute("taxForm") TaxForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		Me me = this.current.require(principal);
		if (!errors.hasErrors()) {
			try {
				this.details.saveTaxDetails(me.partnerId(),
						new PayoutDetailsApi.TaxInput(form.getLegalName(), form.getCountry(), form.getTaxId(),
								form.getEntityType(), form.isUsPerson(), form.isDeclared(), form.getSignedName()));
				redirect.addFlashAttribute("message", "Your tax details were saved.");
				return "redirect:/partner/payout-details";
			}
			catch (InvalidInputException ex) {
				reject(errors, ex);
			}
		}
		form.setTaxId(null);
		MethodView method = this.details.method(me.partnerId());
		MethodForm methodForm = new MethodForm();
		methodForm.setMethod(method.method());
		methodForm.setPayoutEmail(method.payoutEmail());
		methodForm.setAccountHolder(method.accountHolder());
		methodForm.setInstructions(method.instructions());
		return show(model, me, methodForm, form);
	}

	private String show(Model model, Me me, MethodForm methodForm, TaxForm taxForm) {
		model.addAttribute("me", me);
		model.addAttribute("method", this.details.method(me.partnerId()));
		model.addAttribute("tax", this.details.taxDetails(me.partnerId()));
		model.addAttribute("methodForm", methodForm);
		model.addAttribute("taxForm", taxForm);
		return VIEW;
	}

	private static void reject(BindingResult errors, InvalidInputException ex) {
		if (ex.field() != null && errors.getFieldType(ex.field()) != null) {
			errors.rejectValue(ex.field(), "invalid", ex.getMessage());
		}
		else {
			errors.reject("invalid", ex.getMessage());
		}
	}

}
