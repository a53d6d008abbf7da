-- Bulk "invite / re-send invitation" from the partner list, run as a job of the jobs facility (kind partners.invite):
-- the partners it covers (the selected rows, or everyone the list's filter matched when it was submitted), in order,
-- and what it did so far; the job row (jobs module) has status, cursor (how many ids are done) and progress.
create table partner_invite_job (
    job_id      bigint       primary key,
    scope       varchar(500) not null,
    partner_ids bigint[]     not null,
    sent        integer      not null default 0,
    skipped     integer      not null default 0
);
