package dev.partnerhub.accounts;

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
 * A password field a user fills in to choose a password: at least
 * {@value Passwords#MIN_LENGTH} characters and at most {@value Passwords#MAX_BYTES} bytes
 * of UTF-8 (bcrypt's limit). Empty is left to {@code @NotBlank} (or allowed, where the
 * password is optional).
 */
@Documented
@Constraint(validatedBy = ChosenPassword.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ChosenPassword {

	/** How the message names the field: "The password", "The new password". */
	String subject() default "The password";

	String message() default "";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<ChosenPassword, CharSequence> {

		private String subject;

		@Override
		public void initialize(ChosenPassword annotation) {
			this.subject = annotation.subject();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			if (value == null || value.isEmpty()) {
				return true;
			}
			String problem = Passwords.problem(this.subject, value.toString());
			if (problem == null) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			// the message is ours, never user input: no template expressions to escape
			context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
			return false;
		}

	}

}
