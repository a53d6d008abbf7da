-- Outgoing webhooks (module webhooks): endpoints, the messages (one per domain event and subject, the JSON body
-- fixed when it is stored) and the outbox of deliveries (exactly one per endpoint and message).
create table webhook_endpoint (
    id               bigint generated always as identity primary key,
    url              varchar(2000) not null,
    events           text[]        not null,
    -- whsec_ + base64 of 32 random bytes; shown once when created or rotated
    secret           varchar(100)  not null,
    status           varchar(10)   not null default 'active',
    disabled_reason  varchar(500),
    -- the first failure since the last success: an endpoint failing for partnerhub.webhooks.disable-after is disabled
    failing_since    timestamptz,
    created_at       timestamptz   not null,
    constraint webhook_endpoint_status check (status in ('active', 'disabled'))
);

create table webhook_message (
    id          varchar(100) primary key,
    type        varchar(40)  not null,
    body        text         not null,
    created_at  timestamptz  not null
);

create table webhook_delivery (
    id               bigint generated always as identity primary key,
    endpoint_id      bigint        not null references webhook_endpoint (id) on delete cascade,
    message_id       varchar(100)  not null references webhook_message (id),
    status           varchar(10)   not null default 'queued',
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    claimed_at       timestamptz,
    last_attempt_at  timestamptz,
    response_code    integer,
    latency_ms       integer,
    last_error       varchar(2000),
    delivered_at     timestamptz,
    created_at       timestamptz   not null,
    constraint webhook_delivery_once unique (endpoint_id, message_id),
    constraint webhook_delivery_status check (status in ('queued', 'sending', 'delivered', 'failed'))
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at, id) where status = 'queued';
create index webhook_delivery_log on webhook_delivery (endpoint_id, id desc);
create index webhook_delivery_message on webhook_delivery (message_id);
