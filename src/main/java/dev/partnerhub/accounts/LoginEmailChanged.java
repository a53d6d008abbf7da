package dev.partnerhub.accounts;

import org.jspecify.annotations.Nullable;

/**
 * A login's e-mail (its user name) was changed by its owner with a confirmation link;
 * published in the changing transaction. {@code contactId} is null for an admin login.
 * The login's other sessions end after the commit; the contacts module keeps a partner's
 * contact address in step.
 */
public record LoginEmailChanged(@Nullable Long contactId, String oldEmail, String newEmail) {
}
