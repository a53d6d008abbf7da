package dev.partnerhub.partners.web;

import dev.partnerhub.accounts.ChosenPassword;
import dev.partnerhub.partners.PayoutEmail;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The console's "new partner" form: the contact (created or reused by e-mail) and his
 * enrollment.
 */
class PartnerForm {

	@NotBlank(message = "Enter the partner's e-mail address.")
	@Email(message = "Enter a valid e-mail address.")
	@Size(max = 254)
	private String email;

	@Size(max = 100)
	private String firstName;

	@Size(max = 100)
	private String lastName;

	@NotNull(message = "Choose a program.")
	private Long programId;

	/** Blank = generated from the name. */
	@Pattern(regexp = "^$|[A-Za-z0-9_-]{3,40}",
			message = "Code must be 3 to 40 letters, digits, dashes or underscores (or blank to generate one).")
	private String code;

	@Size(max = 40)
	private String parentCode;

	@Email(message = "Enter a valid payout e-mail address.")
	@PayoutEmail
	@Size(max = 254)
	private String payoutEmail;

	@NotBlank(message = "Choose a status.")
	private String status = "approved";

	/** Blank = he is invited later; otherwise he can log in at once. */
	@ChosenPassword
	private String password;

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
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

	public Long getProgramId() {
		return this.programId;
	}

	public void setProgramId(Long programId) {
		this.programId = programId;
	}

	public String getCode() {
		return this.code;
	}

	public void setCode(String code) {
		this.code = code;
	}

	public String getParentCode() {
		return this.parentCode;
	}

	public void setParentCode(String parentCode) {
		this.parentCode = parentCode;
	}

	public String getPayoutEmail() {
		return this.payoutEmail;
	}

	public void setPayoutEmail(String payoutEmail) {
		this.payoutEmail = payoutEmail;
	}

	public String getStatus() {
		return this.status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

}
