package dev.partnerhub.partners;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A payout (PayPal) e-mail may not start with {@code = + - @}. A spreadsheet runs such a
 * cell as a formula, so a CSV export would have to change it ({@code '=1@x.io}) and
 * PayPal would be told to pay another address. Refused at every input instead (forms,
 * API, sign-up, CSV import, and {@code PartnerService} behind them all; the database has
 * the same rule), so the PayPal file carries the address exactly. Null and blank pass: no
 * payout e-mail.
 */
@Documented
@Constraint(validatedBy = PayoutEmail.Check.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface PayoutEmail {

	String MESSAGE = "A payout e-mail may not start with =, +, - or @ (spreadsheets would run it as a formula): "
			+ "use another address.";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** The rule, for code that checks without bean validation. */
	final class Check implements ConstraintValidator<PayoutEmail, String> {

		/** Whether this payout e-mail (as typed; it is stored stripped) is refused. */
		public static boolean refused(String email) {
			if (email == null || email.isBlank()) {
				return false;
			}
			return "=+-@".indexOf(email.strip().charAt(0)) >= 0;
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return !refused(value);
		}

	}

}
