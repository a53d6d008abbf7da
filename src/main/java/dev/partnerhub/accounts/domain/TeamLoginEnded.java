package dev.partnerhub.accounts.domain;

/**
 * A console user was deactivated or given another role: his sessions end once this
 * commits ({@code security.UserSessions}), so the change holds from his next request.
 */
public record TeamLoginEnded(String email) {
}
