package dev.partnerhub.contacts.web;

import dev.partnerhub.contacts.ContactSummary;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What the console's contact form submits; a bean (not a record) so Thymeleaf can bind it
 * back with errors.
 */
public class ContactForm {

	@NotBlank(message = "E-mail is required.")
	@Email(message = "Enter a valid e-mail address.")
	@Size(max = 254, message = "E-mail can have at most 254 characters.")
	private String email = "";

	@Size(max = 100, message = "First name can have at most 100 characters.")
	private String firstName = "";

	@Size(max = 100, message = "Last name can have at most 100 characters.")
	private String lastName = "";

	static ContactForm of(ContactSummary contact) {
		ContactForm form = new ContactForm();
		form.setEmail(contact.email());
		form.setFirstName(contact.firstName());
		form.setLastName(contact.lastName());
		return form;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email == null ? "" : email.strip();
	}

	public String getFirstName() {
		return this.firstName;
	}

	public void setFirstName(String firstName) {
		this.firstName = firstName == null ? "" : firstName.strip();
	}

	public String getLastName() {
		return this.lastName;
	}

	public void setLastName(String lastName) {
		this.lastName = lastName == null ? "" : lastName.strip();
	}

}
