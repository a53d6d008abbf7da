-- Issue 17: new commissions of partners who chose the daily digest, collected by the day they were created (UTC) and
-- sent the next day in one e-mail per partner. The commission id is the key, so a redelivered event adds nothing twice.
create table notice_digest_line (
    commission_id  bigint  primary key, -- no foreign key: notices reads commissions through commission_ledger
    partner_id     bigint  not null,
    day            date    not null
);
create index notice_digest_line_day on notice_digest_line (day, partner_id);
