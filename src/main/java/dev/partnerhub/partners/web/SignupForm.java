package dev.partnerhub.partners.web;

import dev.partnerhub.accounts.ChosenPassword;
import dev.partnerhub.partners.PayoutEmail;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The public sign-up form. {@code ref} carries the referring partner from the sign-up
 * link.
 */
public class SignupForm {

	@NotBlank(message = "Enter your first name.")
	@Size(max = 100, message = "At most 100 characters.")
	private String firstName;

	@NotBlank(message = "Enter your last name.")
	@Size(max = 100, message = "At most 100 characters.")
	private String lastName;

	@NotBlank(message = "Enter your e-mail address.")
	@Email(regexp = "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$", message = "Enter a valid e-mail address.")
	@Size(max = 254, message = "At most 254 characters.")
	private String email;

	@NotBlank(message = "Choose a password.")
	@ChosenPassword
	private String password;

	@NotBlank(message = "Repeat the password.")
	private String confirmPassword;

	@Email(regexp = "^$|^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$",
			message = "Enter a valid PayPal e-mail address, or leave it empty.")
	@PayoutEmail
	@Size(max = 254, message = "At most 254 characters.")
	private String payoutEmail;

	@AssertTrue(message = "Accept the partner terms to sign up.")
	private boolean terms;

	@Size(max = 500)
	private String ref;

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

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getConfirmPassword() {
		return this.confirmPassword;
	}

	public void setConfirmPassword(String confirmPassword) {
		this.confirmPassword = confirmPassword;
	}

	public String getPayoutEmail() {
		return this.payoutEmail;
	}

	public void setPayoutEmail(String payoutEmail) {
		this.payoutEmail = payoutEmail;
	}

	public boolean isTerms() {
		return this.terms;
	}

	public void setTerms(boolean terms) {
		this.terms = terms;
	}

	public String getRef() {
		return this.ref;
	}

	public void setRef(String ref) {
		this.ref = ref;
	}

}
