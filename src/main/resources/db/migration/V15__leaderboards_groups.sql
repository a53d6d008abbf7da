-- Leaderboards, contests and groups (docs: README "Leaderboards, contests and groups").

-- A leaderboard ranks the approved partners of one program. The own-rank count ("partners of this program with a
-- strictly greater value") joins this index-only scan with rollup_value_rank_idx, so neither side reads the heap.
create index partner_program_status_idx on partner (program_id, status) include (contact_id, id);

-- A contest ranks a program's partners by a rollup field over a date range (usually a rollup the contest created
-- itself: commissions of its products processed from start to end; owns_rollup = edit/delete it with the contest).
create table contest (
    id               bigint generated always as identity primary key,
    name             varchar(120)  not null,
    program_id       bigint        not null references program (id),
    skus             text[]        not null,
    starts_on        date          not null,
    ends_on          date,
    rollup_field_id  bigint        references rollup_field (id) on delete set null,
    owns_rollup      boolean       not null default false,
    created_at       timestamptz   not null default now(),
    updated_at       timestamptz   not null default now(),
    constraint contest_name_not_blank check (btrim(name) <> ''),
    constraint contest_dates check (ends_on is null or ends_on >= starts_on),
    constraint contest_products check (cardinality(skus) >= 1)
);
create unique index contest_name_key on contest (lower(name));
create index contest_program_idx on contest (program_id, starts_on desc);

-- A group of contacts is a saved filter, evaluated at read time (membership always reflects current values).
create table contact_group (
    id          bigint generated always as identity primary key,
    name        varchar(120)  not null,
    filter      jsonb         not null,
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now(),
    constraint contact_group_name_not_blank check (btrim(name) <> '')
);
create unique index contact_group_name_key on contact_group (lower(name));

-- Leaderboards keep a board in memory and check it is current with max(computed_at) of the field's values: every
-- value write sets computed_at, so this index-only probe changes whenever a value does.
create index rollup_value_written_idx on rollup_value (rollup_field_id, computed_at);
