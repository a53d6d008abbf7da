-- Payout batches ("pay your partners"), one item per partner and currency, and the commissions each item pays.
-- State machine: a batch is created, then paid (all its items paid) or cancelled (only while no item is paid).
-- An item is created → paid | cancelled. A commission is in at most one live item: the partial unique index on
-- payout_item_commission (commission_id) where released_at is null; cancelling a batch releases its links (kept as
-- history) so the commissions can go into a later batch.

create table payout_batch (
    id            bigint generated always as identity primary key,
    -- null = every program
    program_id    bigint        references program (id),
    status        varchar(10)   not null default 'created',
    -- Plain sum of the items' amounts; per-currency totals are computed from the items when a batch mixes currencies.
    total         numeric(19,2) not null default 0,
    item_count    integer       not null default 0,
    created_by    varchar(254)  not null,
    created_at    timestamptz   not null default now(),
    paid_at       timestamptz,
    cancelled_at  timestamptz,
    version       bigint        not null default 0,
    constraint payout_batch_status check (status in ('created', 'paid', 'cancelled')),
    constraint payout_batch_paid_dated check ((status = 'paid') = (paid_at is not null)),
    constraint payout_batch_cancelled_dated check ((status = 'cancelled') = (cancelled_at is not null))
);
create index payout_batch_created_idx on payout_batch (created_at desc, id desc);

create table payout_item (
    id                bigint generated always as identity primary key,
    batch_id          bigint        not null references payout_batch (id),
    partner_id        bigint        not null references partner (id),
    -- Snapshot: the PayPal export must send the money where it was meant to go when the batch was made.
    payout_email      varchar(254)  not null,
    amount            numeric(19,2) not null,
    currency          varchar(3)    not null,
    commission_count  integer       not null,
    status            varchar(10)   not null default 'created',
    paid_at           timestamptz,
    constraint payout_item_key unique (batch_id, partner_id, currency),
    constraint payout_item_status check (status in ('created', 'paid', 'cancelled')),
    constraint payout_item_paid_dated check ((status = 'paid') = (paid_at is not null)),
    constraint payout_item_amount check (amount > 0)
);
create index payout_item_partner_idx on payout_item (partner_id);

create table payout_item_commission (
    item_id        bigint        not null references payout_item (id),
    -- Denormalized (= the item's batch) so paying or cancelling a whole batch finds its links with one index range,
    -- whatever the planner's statistics say right after a 100k-row insert. No foreign key: item_id already has one,
    -- and a third per-row check cost ~1.4 s of a 100k-commission batch.
    batch_id       bigint        not null,
    commission_id  bigint        not null references commission (id),
    -- The commission's amount when it was batched (what the item's amount is the sum of).
    amount         numeric(19,2) not null,
    released_at    timestamptz,
    primary key (item_id, commission_id)
);
-- The rule "a commission is paid at most once": at most one live (unreleased) payout item per commission.
create unique index payout_item_commission_live_key on payout_item_commission (commission_id) where released_at is null;
create index payout_item_commission_batch_idx on payout_item_commission (batch_id) where released_at is null;
