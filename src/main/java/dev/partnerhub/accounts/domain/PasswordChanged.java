package dev.partnerhub.accounts.domain;

/**
 * A login's password was changed by its owner or set with an invitation or reset link;
 * {@code email} is the login's user name as stored (the name its sessions are indexed
 * by).
 */
public record PasswordChanged(String email) {
}
