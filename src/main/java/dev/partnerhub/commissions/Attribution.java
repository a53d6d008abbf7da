package dev.partnerhub.commissions;

import dev.partnerhub.programs.Credit;

/** The partner credited for a contact's purchases and the rule that chose him (first or last referrer). */
public record Attribution(long partnerId, Credit rule) {
}
