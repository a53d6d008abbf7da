-- Announcements to partners (module broadcasts): written once, sent in the background through the mail outbox.
create table broadcast (
    id            bigint generated always as identity primary key,
    subject       varchar(500) not null,
    body          text         not null,
    program_id    bigint,       -- audience: a program, a group, or neither (every approved partner)
    group_id      bigint,
    audience      varchar(300) not null, -- the audience in words, as it was when written
    status        varchar(10)  not null, -- scheduled → sending → done; cancelled
    scheduled_at  timestamptz,
    job_id        bigint,
    recipients    integer      not null default 0,
    created_by    varchar(320) not null,
    created_at    timestamptz  not null,
    started_at    timestamptz,
    constraint broadcast_status check (status in ('scheduled', 'sending', 'done', 'cancelled'))
);
create index broadcast_due on broadcast (scheduled_at) where status = 'scheduled';
create index broadcast_created on broadcast (created_at desc, id desc);

-- One row per recipient, fixed when sending starts: (broadcast, partner) is unique, and the outbox dedupe key
-- broadcast:<id>:<partner> makes queuing the same e-mail twice impossible, even when a chunk runs again after a crash.
create table broadcast_recipient (
    id            bigint generated always as identity primary key,
    broadcast_id  bigint       not null references broadcast (id) on delete cascade,
    partner_id    bigint       not null,
    email         varchar(320) not null,
    status        varchar(10)  not null default 'pending', -- pending → queued | skipped (unsubscribed)
    constraint broadcast_recipient_once unique (broadcast_id, partner_id),
    constraint broadcast_recipient_status check (status in ('pending', 'queued', 'skipped'))
);
