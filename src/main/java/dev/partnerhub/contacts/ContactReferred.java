package dev.partnerhub.contacts;

/**
 * A new contact arrived through the API ({@code POST /api/v1/contacts}) with a referral
 * that names a partner; published in that transaction. A qualified lead for the partner's
 * program (commissions' lead rewards).
 */
public record ContactReferred(long contactId, long partnerId) {
}
