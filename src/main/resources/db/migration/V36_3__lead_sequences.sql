-- Launch e-mails to leads: a sequence may enrol every contact who opts in through /join for a program ("contact
-- opted in"); such an enrolment names a contact instead of a partner, and carries the random token of the
-- unsubscribe link its e-mails carry (a step is never sent after it was used).
alter table automation_sequence add column enrol_on_opt_in_program_id bigint;
alter table automation_enrolment alter column partner_id drop not null;
alter table automation_enrolment add column contact_id bigint;
alter table automation_enrolment add column unsubscribe_token varchar(64);
alter table automation_enrolment add column unsubscribed_at timestamptz;
alter table automation_enrolment add constraint automation_enrolment_who
    check ((partner_id is null) <> (contact_id is null));
create unique index automation_enrolment_contact_once on automation_enrolment (sequence_id, contact_id)
    where contact_id is not null;
create unique index automation_enrolment_unsubscribe on automation_enrolment (unsubscribe_token)
    where unsubscribe_token is not null;
