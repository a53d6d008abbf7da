package dev.partnerhub.partners.web;

import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.PayoutEmail;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an admin may change on a partner: code, status, parent, payout e-mail and program.
 */
class PartnerEditForm {

	@NotBlank(message = "Enter a code.")
	@Pattern(regexp = "^$|[A-Za-z0-9_-]{3,40}",
			message = "Code must be 3 to 40 letters, digits, dashes or underscores.")
	private String code;

	@NotBlank(message = "Choose a status.")
	private String status;

	@Size(max = 40)
	private String parentCode;

	@Email(message = "Enter a valid payout e-mail address.")
	@PayoutEmail
	@Size(max = 254)
	private String payoutEmail;

	@NotNull(message = "Choose a program.")
	private Long programId;

	static PartnerEditForm of(PartnerSummary partner, String parentCode) {
		PartnerEditForm form = new PartnerEditForm();
		form.code = partner.code();
		form.status = partner.status().value();
		form.parentCode = parentCode;
		form.payoutEmail = partner.payoutEmail();
		form.programId = partner.programId();
		return form;
	}

	public String getCode() {
		return this.code;
	}

	public void setCode(String code) {
		this.code = code;
	}

	public String getStatus() {
		return this.status;
	}

	public void setStatus(String status) {
		this.status = status;
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

	public Long getProgramId() {
		return this.programId;
	}

	public void setProgramId(Long programId) {
		this.programId = programId;
	}

}
