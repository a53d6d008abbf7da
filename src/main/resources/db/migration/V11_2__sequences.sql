-- E-mail sequences: ordered steps "on day N after enrolment, send template X", one enrolment per partner.
create table automation_sequence (
    id                 bigint generated always as identity primary key,
    name               varchar(120) not null,
    active             boolean      not null default true,
    enrol_on_approval  boolean      not null default false, -- every partner who becomes approved is enrolled
    created_at         timestamptz  not null default now()
);
create unique index automation_sequence_name on automation_sequence (lower(name));

create table automation_sequence_step (
    id            bigint generated always as identity primary key,
    sequence_id   bigint       not null references automation_sequence (id) on delete cascade,
    day_offset    integer      not null,
    template_key  varchar(100) not null,
    constraint automation_sequence_step_day check (day_offset between 0 and 3650)
);
create index automation_sequence_step_sequence on automation_sequence_step (sequence_id, day_offset, id);

create table automation_enrolment (
    id           bigint generated always as identity primary key,
    sequence_id  bigint      not null references automation_sequence (id) on delete cascade,
    partner_id   bigint      not null references partner (id) on delete cascade,
    started_at   timestamptz not null,
    next_step    integer     not null default 0, -- index into the sequence's steps ordered by (day_offset, id)
    next_due_at  timestamptz,                    -- null when finished or stopped
    stopped_at   timestamptz,
    completed_at timestamptz,
    constraint automation_enrolment_once unique (sequence_id, partner_id)
);
create index automation_enrolment_due on automation_enrolment (next_due_at) where next_due_at is not null;
create index automation_enrolment_partner on automation_enrolment (partner_id);
