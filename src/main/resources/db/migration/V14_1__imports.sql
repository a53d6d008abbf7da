-- CSV import of contacts and partners from another affiliate system (console /admin/import).
-- The uploaded file is kept with the job (at most 10 MB) so the background worker reads it from the database, not
-- from one instance's disk; rows are processed in order and `processed` is the number of data rows done.
create table import_job (
    id           bigint generated always as identity primary key,
    kind         varchar(20)   not null,
    file_name    varchar(255)  not null,
    content      text          not null,
    -- draft: uploaded and dry-run only; queued/running/done/failed: the real import.
    status       varchar(10)   not null default 'draft',
    total        integer       not null default 0,
    processed    integer       not null default 0,
    created      integer       not null default 0,
    existing     integer       not null default 0,
    failed       integer       not null default 0,
    error        varchar(2000),
    created_by   varchar(254)  not null,
    created_at   timestamptz   not null default now(),
    updated_at   timestamptz   not null default now(),
    finished_at  timestamptz,
    constraint import_job_kind check (kind in ('contacts', 'partners')),
    constraint import_job_status check (status in ('draft', 'queued', 'running', 'done', 'failed'))
);
create index import_job_recent_idx on import_job (created_at desc);

-- Per-row errors of a real import, downloadable as CSV (line = line number in the file, header = line 1).
create table import_row_error (
    job_id   bigint        not null references import_job (id) on delete cascade,
    line     integer       not null,
    message  varchar(1000) not null,
    primary key (job_id, line)
);
