package dev.partnerhub.orders.web;

/**
 * The hosted order form. Every field is a string so a tampered or mistyped value becomes
 * a field error, never a binding exception. {@code orderId} is generated when the form is
 * shown: a double submit replays the same order.
 */
public class BuyForm {

	private String orderId = "";

	private String firstName = "";

	private String lastName = "";

	private String email = "";

	private String quantity = "1";

	private String referral = "";

	public String getOrderId() {
		return this.orderId;
	}

	public void setOrderId(String orderId) {
		this.orderId = orderId == null ? "" : orderId;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public void setFirstName(String firstName) {
		this.firstName = firstName == null ? "" : firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

	public void setLastName(String lastName) {
		this.lastName = lastName == null ? "" : lastName;
	}

	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email == null ? "" : email;
	}

	public String getQuantity() {
		return this.quantity;
	}

	public void setQuantity(String quantity) {
		this.quantity = quantity == null ? "" : quantity;
	}

	public String getReferral() {
		return this.referral;
	}

	public void setReferral(String referral) {
		this.referral = referral == null ? "" : referral;
	}

}
