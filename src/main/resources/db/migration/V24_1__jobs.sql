-- One jobs facility (module jobs, docs/architecture.md "Background jobs"): the state machine of every background job
-- (queued → running → done | failed | cancelled), its cursor, heartbeat and progress, in one table. What a job works
-- on stays with its module: bulk_job (commissions), import_job (imports), rollup_field (rollups) point at their job.
create table job (
    id           bigint generated always as identity primary key,
    -- the handler that runs it, e.g. 'commissions.bulk', 'imports.csv', 'rollups.recompute'
    kind         varchar(40)   not null,
    status       varchar(10)   not null default 'queued',
    -- where the next chunk starts, opaque to the facility (a last id, a row number); null before the first chunk
    cursor       varchar(200),
    -- touched by every chunk: a running job whose heartbeat is old was left by a dead worker
    heartbeat    timestamptz   not null default now(),
    done         bigint        not null default 0,
    total        bigint        not null default 0,
    error        varchar(2000),
    created_by   varchar(254)  not null,
    created_at   timestamptz   not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    constraint job_status check (status in ('queued', 'running', 'done', 'failed', 'cancelled'))
);
create index job_open_idx on job (heartbeat) where status in ('queued', 'running');
create index job_kind_open_idx on job (kind) where status in ('queued', 'running');

-- bulk approve/decline: the job's generic columns move to job (ids keep their values; the console's URLs use
-- bulk_job.id as before).
alter table bulk_job add column job_id bigint;
update bulk_job set job_id = nextval(pg_get_serial_sequence('job', 'id'));
insert into job (id, kind, status, cursor, heartbeat, done, total, error, created_by, created_at, started_at,
                 finished_at)
    overriding system value
select job_id, 'commissions.bulk', status, case when cursor_id = 0 then null else cursor_id::text end, updated_at,
       processed, total, error, created_by, created_at, started_at, finished_at
from bulk_job;
alter table bulk_job alter column job_id set not null;
alter table bulk_job add constraint bulk_job_job unique (job_id);
alter table bulk_job add constraint bulk_job_job_fk foreign key (job_id) references job (id);
drop index bulk_job_open_idx;
drop index bulk_job_recent_idx;
alter table bulk_job drop constraint bulk_job_status;
alter table bulk_job drop column status, drop column total, drop column processed, drop column cursor_id,
    drop column error, drop column created_by, drop column created_at, drop column started_at,
    drop column updated_at, drop column finished_at;

-- CSV imports: an upload is a draft (no job) until it is started; then the job carries status and progress. The
-- file's facts (rows, who uploaded it, when) stay with the import.
alter table import_job add column job_id bigint;
update import_job set job_id = nextval(pg_get_serial_sequence('job', 'id')) where status <> 'draft';
insert into job (id, kind, status, cursor, heartbeat, done, total, error, created_by, created_at, started_at,
                 finished_at)
    overriding system value
select job_id, 'imports.csv', status, case when processed = 0 then null else processed::text end, updated_at,
       processed, total, error, created_by, created_at, case when status = 'queued' then null else updated_at end,
       finished_at
from import_job where job_id is not null;
alter table import_job add constraint import_job_job unique (job_id);
alter table import_job add constraint import_job_job_fk foreign key (job_id) references job (id);
alter table import_job drop constraint import_job_status;
alter table import_job drop column status, drop column processed, drop column error, drop column updated_at,
    drop column finished_at;

-- Rollup recomputes: every definition points at its latest recompute job; an edit starts a new one and the old one
-- is cancelled at its next chunk.
alter table rollup_field add column recompute_job_id bigint;
update rollup_field set recompute_job_id = nextval(pg_get_serial_sequence('job', 'id'));
insert into job (id, kind, status, cursor, heartbeat, done, total, created_by, created_at, started_at, finished_at)
    overriding system value
select recompute_job_id, 'rollups.recompute', recompute_status,
       case when recompute_cursor = 0 then null else recompute_cursor::text end, recompute_heartbeat, recompute_done,
       recompute_total, 'system', coalesce(recompute_started_at, updated_at), recompute_started_at,
       recompute_finished_at
from rollup_field;
alter table rollup_field alter column recompute_job_id set not null;
alter table rollup_field add constraint rollup_field_recompute_job_fk foreign key (recompute_job_id) references job (id);
alter table rollup_field drop constraint rollup_field_recompute_status;
alter table rollup_field drop column recompute_status, drop column recompute_total, drop column recompute_done,
    drop column recompute_cursor, drop column recompute_started_at, drop column recompute_finished_at,
    drop column recompute_heartbeat;
