-- Outgoing e-mail: an outbox row is inserted in the caller's transaction, a scheduled sender delivers it after commit.
create table mail_message (
    id               bigint generated always as identity primary key,
    to_address       varchar(320)  not null,
    subject          varchar(500)  not null,
    body_text        text          not null,
    body_html        text,
    template_key     varchar(100),
    partner_id       bigint,       -- no foreign key: the mail stays in the log when a partner is removed
    status           varchar(10)   not null default 'queued',
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null default now(),
    last_error       text,
    -- the same logical message (e.g. "sequence step 3 of enrolment 42") is queued at most once
    dedupe_key       varchar(200)  unique,
    created_at       timestamptz   not null default now(),
    claimed_at       timestamptz,
    sent_at          timestamptz,
    constraint mail_message_status check (status in ('queued', 'sending', 'sent', 'failed'))
);
create index mail_message_due on mail_message (next_attempt_at) where status = 'queued';
create index mail_message_status_created on mail_message (status, created_at desc, id desc);
create index mail_message_created on mail_message (created_at desc, id desc);
create index mail_message_partner on mail_message (partner_id) where partner_id is not null;

-- Templates edited in the console: Thymeleaf TEXT-mode subject and body with merge fields.
create table mail_template (
    id          bigint generated always as identity primary key,
    template_key varchar(100) not null,
    name        varchar(200) not null,
    subject     varchar(500) not null,
    body        text         not null,
    system      boolean      not null default false, -- used by the application itself: the key cannot change
    updated_at  timestamptz  not null default now(),
    version     bigint       not null default 0
);
create unique index mail_template_key on mail_template (lower(template_key));
