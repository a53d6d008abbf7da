-- Commission lifecycle: background bulk jobs (approve/decline many commissions) and ShedLock's lock table.

-- A bulk approve/decline over explicit ids or over a list filter, worked off in chunks (one transaction each).
-- `cursor_id` is the last commission id handled: chunks go in id order, so a job can resume where it stopped, and
-- a chunk repeated after a crash changes nothing more (the update only touches pending commissions).
create table bulk_job (
    id               bigint generated always as identity primary key,
    kind             varchar(20)   not null,
    -- Either the ids the admin selected, or the list filter (partner, program, sku, status, from, to) as JSON.
    ids              bigint[],
    filter           jsonb,
    reason           varchar(500),
    chunk_size       integer       not null default 5000,
    total            integer       not null default 0,
    processed        integer       not null default 0,
    changed          integer       not null default 0,
    skipped          integer       not null default 0,
    -- Skipped commissions counted by reason: {"already approved": 3, "paid": 1}.
    skipped_reasons  jsonb         not null default '{}',
    cursor_id        bigint        not null default 0,
    status           varchar(10)   not null default 'queued',
    error            varchar(2000),
    created_by       varchar(254)  not null,
    created_at       timestamptz   not null default now(),
    started_at       timestamptz,
    -- Touched by every chunk: a running job whose heartbeat is old was left by a dead instance.
    updated_at       timestamptz   not null default now(),
    finished_at      timestamptz,
    constraint bulk_job_kind check (kind in ('approve', 'decline')),
    constraint bulk_job_status check (status in ('queued', 'running', 'done', 'failed')),
    constraint bulk_job_target check ((ids is null) <> (filter is null)),
    constraint bulk_job_reason check (kind <> 'decline' or length(trim(reason)) > 0),
    constraint bulk_job_chunk check (chunk_size between 1 and 100000)
);
create index bulk_job_recent_idx on bulk_job (created_at desc);
create index bulk_job_open_idx on bulk_job (status, updated_at) where status in ('queued', 'running');


-- ShedLock (net.javacrumbs.shedlock, JdbcTemplateLockProvider): one row per scheduled job name.
create table shedlock (
    name        varchar(64)  not null primary key,
    lock_until  timestamp    not null,
    locked_at   timestamp    not null,
    locked_by   varchar(255) not null
);

-- Why and when an admin declined a commission (the audit log keeps who).
alter table commission add column declined_at timestamptz;
alter table commission add column decline_reason varchar(500);
