package dev.partnerhub.contacts.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/contacts}: the contact, and the referral (partner code) that came
 * with him, if any.
 */
record ContactRequest(@NotBlank @Email @Size(max = 254) String email, @Size(max = 100) @Nullable String firstName,
		@Size(max = 100) @Nullable String lastName, @Size(max = 200) @Nullable String referral) {
}
