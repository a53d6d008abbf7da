/**
 * Announcements to partners: a subject and body in the e-mail template language, an
 * audience (every approved partner, a program, or a group), sent now or at a set time.
 * Sending is a job of the jobs facility that queues one outbox message per recipient; the
 * recipients are fixed when sending starts (unique per broadcast and partner) and each
 * message has the dedupe key {@code broadcast:<id>:<partner>}, so a job resumed after a
 * crash sends nobody twice. Partners who unsubscribed from announcements are skipped.
 */
@NullMarked
@ApplicationModule
package dev.partnerhub.broadcasts;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
