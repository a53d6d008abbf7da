-- Issue 19: contest prizes. An amount per place (in the contest's program's currency), awarded as bonuses when the
-- contest has ended: first the places are fixed (contest_award, one row per place, written once), then each place's
-- bonus is given with the key contest:<id>:rank:<place> (commission.bonus_key is unique), then the contest is marked
-- awarded. A crash anywhere in between is finished by the next run with the same winners and no second bonus.
create table contest_prize (
    contest_id  bigint        not null references contest (id) on delete cascade,
    place       integer       not null,
    amount      numeric(19,2) not null,
    primary key (contest_id, place),
    constraint contest_prize_place check (place between 1 and 100),
    constraint contest_prize_amount check (amount > 0)
);

create table contest_award (
    contest_id     bigint        not null references contest (id) on delete cascade,
    place          integer       not null,
    partner_id     bigint        not null references partner (id),
    value          numeric(19,2) not null,
    amount         numeric(19,2) not null,
    commission_id  bigint,
    decided_at     timestamptz   not null default now(),
    primary key (contest_id, place)
);

alter table contest add column prizes_awarded_at timestamptz;
create index contest_prizes_due_idx on contest (ends_on) where prizes_awarded_at is null;
