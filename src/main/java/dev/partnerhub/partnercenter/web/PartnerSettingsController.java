package dev.partnerhub.partnercenter.web;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.support.RateLimiter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.security.Principal;

import dev.partnerhub.accounts.ChosenPassword;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerProfile;
import dev.partnerhub.partners.PayoutEmail;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * His settings: payout (PayPal) e-mail and name in one form, the password in another.
 * Every change is audited.
 */
@ErrorPages(nav = "", back = "/partner", backLabel = "Back to your dashboard",
		notFoundDetail = "There is nothing here.")
@Controller
class PartnerSettingsController {

	/** Login e-mail change requests per login and hour (each sends two e-mails). */
	static final int EMAIL_CHANGES_PER_HOUR = 5;

	private final CurrentPartner current;

	private final PartnerProfile profile;

	private final AccountApi accounts;

	private final RateLimiter limiter;

	PartnerSettingsController(CurrentPartner current, PartnerProfile profile, AccountApi accounts,
			RateLimiter limiter) {
		this.current = current;
		this.profile = profile;
		this.accounts = accounts;
		this.limiter = limiter;
	}

	static class EmailForm {

		@NotBlank(message = "Enter the new e-mail address.")
		@Email(message = "Enter a valid e-mail address, like name@example.com.")
		@Size(max = 254, message = "At most 254 characters.")
		private String newEmail;

		@NotBlank(message = "Enter your current password.")
		private String emailPassword;

		public String getNewEmail() {
			return this.newEmail;
		}

		public void setNewEmail(String newEmail) {
			this.newEmail = newEmail == null ? null : newEmail.strip();
		}

		public String getEmailPassword() {
			return this.emailPassword;
		}

		public void setEmailPassword(String emailPassword) {
			this.emailPassword = emailPassword;
		}

	}

	/**
	 * A new login e-mail: confirmed by a link sent to it; the old address is told. The
	 * answer is the same whether or not another login uses the address.
	 */
	@PostMapping("/partner/settings/email")
	String changeEmail(Principal principal, @Valid @ModelAttribute("emailForm") EmailForm form, BindingResult errors,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		Me me = this.current.require(principal);
		if (!errors.hasErrors()) {
			// counted before the password check, so it also caps password guessing here
			if (!this.limiter.allow("login-email:" + principal.getName().toLowerCase(java.util.Locale.ROOT),
					EMAIL_CHANGES_PER_HOUR, 3600)) {
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				errors.reject("tooMany", "Too many requests; try again in an hour.");
			}
			else {
				try {
					switch (this.accounts.requestEmailChange(principal.getName(), form.getEmailPassword(),
							form.getNewEmail())) {
						case REQUESTED -> {
							redirect.addFlashAttribute("message", "We sent a confirmation link to " + form.getNewEmail()
									+ ". Your login changes when you open it (within 24 hours).");
							return "redirect:/partner/settings";
						}
						case WRONG_PASSWORD ->
							errors.rejectValue("emailPassword", "wrong", "The current password is not correct.");
						case SAME_ADDRESS -> errors.rejectValue("newEmail", "same", "This is your login already.");
					}
				}
				catch (InvalidInputException ex) {
					errors.rejectValue("newEmail", "invalid", ex.getMessage());
				}
			}
		}
		form.setEmailPassword(null);
		ProfileForm profileForm = new ProfileForm();
		profileForm.setPayoutEmail(me.payoutEmail());
		profileForm.setFirstName(me.firstName());
		profileForm.setLastName(me.lastName());
		model.addAttribute("me", me);
		model.addAttribute("profileForm", profileForm);
		model.addAttribute("passwordForm", new PasswordForm());
		if (errors.hasGlobalErrors()) {
			model.addAttribute("error", errors.getGlobalError().getDefaultMessage());
		}
		return "partnercenter/settings";
	}

	static class ProfileForm {

		@Email(message = "Enter a valid e-mail address, like name@example.com.")
		@PayoutEmail
		@Size(max = 254, message = "At most 254 characters.")
		private String payoutEmail;

		@NotBlank(message = "Enter your first name.")
		@Size(max = 100, message = "At most 100 characters.")
		private String firstName;

		@NotBlank(message = "Enter your last name.")
		@Size(max = 100, message = "At most 100 characters.")
		private String lastName;

		public String getPayoutEmail() {
			return this.payoutEmail;
		}

		public void setPayoutEmail(String payoutEmail) {
			this.payoutEmail = payoutEmail == null ? null : payoutEmail.strip();
		}

		public String getFirstName() {
			return this.firstName;
		}

		public void setFirstName(String firstName) {
			this.firstName = firstName;
		}

		public String getLastName() {
			return this.lastName;
		}

		public void setLastName(String lastName) {
			this.lastName = lastName;
		}

	}

	static class PasswordForm {

		@NotBlank(message = "Enter your current password.")
		private String currentPassword;

		@NotBlank(message = "Enter a new password.")
		@ChosenPassword(subject = "The new password")
		private String newPassword;

		private String confirmPassword;

		public String getCurrentPassword() {
			return this.currentPassword;
		}

		public void setCurrentPassword(String currentPassword) {
			this.currentPassword = currentPassword;
		}

		public String getNewPassword() {
			return this.newPassword;
		}

		public void setNewPassword(String newPassword) {
			this.newPassword = newPassword;
		}

		public String getConfirmPassword() {
			return this.confirmPassword;
		}

		public void setConfirmPassword(String confirmPassword) {
			this.confirmPassword = confirmPassword;
		}

	}

	@GetMapping("/partner/settings")
	String settings(Principal principal, Model model) {
		Me me = this.current.require(principal);
		ProfileForm form = new ProfileForm();
		form.setPayoutEmail(me.payoutEmail());
		form.setFirstName(me.firstName());
		form.setLastName(me.lastName());
		model.addAttribute("me", me);
		model.addAttribute("profileForm", form);
		model.addAttribute("passwordForm", new PasswordForm());
		model.addAttribute("emailForm", new EmailForm());
		return "partnercenter/settings";
	}

	@PostMapping("/partner/settings")
	String saveProfile(Principal principal, @Valid @ModelAttribute("profileForm") ProfileForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		Me me = this.current.require(principal);
		if (errors.hasErrors()) {
			model.addAttribute("me", me);
			model.addAttribute("passwordForm", new PasswordForm());
			model.addAttribute("emailForm", new EmailForm());
			return "partnercenter/settings";
		}
		boolean changed = this.profile.update(me, form.getPayoutEmail(), form.getFirstName(), form.getLastName());
		redirect.addFlashAttribute("message", changed ? "Your settings were saved." : "Nothing changed.");
		return "redirect:/partner/settings";
	}

	@PostMapping("/partner/settings/password")
	String changePassword(Principal principal, @Valid @ModelAttribute("passwordForm") PasswordForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		Me me = this.current.require(principal);
		if (!errors.hasFieldErrors("newPassword") && form.getNewPassword() != null
				&& !form.getNewPassword().equals(form.getConfirmPassword())) {
			errors.rejectValue("confirmPassword", "mismatch", "The two new passwords differ.");
		}
		if (!errors.hasErrors()) {
			try {
				if (this.profile.changePassword(me, principal.getName(), form.getCurrentPassword(),
						form.getNewPassword())) {
					redirect.addFlashAttribute("message", "Your password was changed.");
					return "redirect:/partner/settings";
				}
				errors.rejectValue("currentPassword", "wrong", "The current password is not correct.");
			}
			catch (InvalidInputException ex) {
				errors.rejectValue("newPassword", "invalid", ex.getMessage());
			}
		}
		// never echo a password back into the page
		form.setCurrentPassword(null);
		form.setNewPassword(null);
		form.setConfirmPassword(null);
		ProfileForm profileForm = new ProfileForm();
		profileForm.setPayoutEmail(me.payoutEmail());
		profileForm.setFirstName(me.firstName());
		profileForm.setLastName(me.lastName());
		model.addAttribute("me", me);
		model.addAttribute("profileForm", profileForm);
		model.addAttribute("emailForm", new EmailForm());
		return "partnercenter/settings";
	}

}
