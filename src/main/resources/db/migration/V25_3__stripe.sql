-- Integrations: settings the console stores (the Stripe webhook secret), and the Stripe webhook's bookkeeping.

create table integration_setting (
    name        varchar(100)  primary key,
    value       text          not null,
    updated_at  timestamptz   not null default now(),
    updated_by  varchar(254)
);

-- Every Stripe event, applied once: its id is taken in the same transaction as its effect, so a redelivery (or 20
-- concurrent ones) waits for that transaction and then finds the id taken. outcome: applied, ignored (a type or mode
-- we do not book), pending (kept until what it needs arrives), rejected (cannot be applied as it is; see detail).
create table stripe_event (
    event_id     varchar(255)  primary key,
    type         varchar(100)  not null,
    outcome      varchar(10)   not null,
    detail       varchar(2000) not null default '',
    livemode     boolean       not null default false,
    created_at   timestamptz   not null,
    received_at  timestamptz   not null default now(),
    constraint stripe_event_outcome check (outcome in ('applied', 'ignored', 'pending', 'rejected'))
);
create index stripe_event_received_idx on stripe_event (received_at desc);

-- A subscription's Checkout Session (who bought, with which referral or coupon) for the invoice that opens its order,
-- and a first invoice that arrived before its session, kept until the session arrives or the wait is over.
create table stripe_subscription (
    subscription_id  varchar(255)  primary key,
    session_id       varchar(255),
    email            varchar(254),
    first_name       varchar(100),
    last_name        varchar(100),
    referral         varchar(200),
    coupon_code      varchar(64),
    waiting_invoice  text,
    waiting_since    timestamptz,
    deleted_at       timestamptz,
    order_id         varchar(100)
);
create index stripe_subscription_waiting_idx on stripe_subscription (waiting_since) where waiting_invoice is not null;

-- Which order (and which of its payments) a Stripe payment is: by payment intent, invoice or charge id. A row with
-- invoice_id instead of order_id is an alias: this payment intent or charge paid that invoice (invoice_payment.paid).
create table stripe_payment (
    ref         varchar(255)  primary key,
    order_id    varchar(100),
    charge_id   varchar(255),
    -- what the payment was booked as (net of tax and shipping): a partial Stripe refund takes its share of this
    booked      numeric(19,2),
    invoice_id  varchar(255),
    constraint stripe_payment_target check ((order_id is null) <> (invoice_id is null))
);

-- Stripe refunds: applied to their payment's order, or pending until that order arrives.
create table stripe_refund (
    refund_id      varchar(255)   primary key,
    stripe_charge  varchar(255)   not null,
    amount         numeric(19,2)  not null,
    -- the Stripe charge's amount: the refund's share of it is the share of the booked payment refunded
    charge_amount  numeric(19,2)  not null,
    -- the refund takes what is left of the payment (the charge is refunded in full)
    completes      boolean        not null,
    currency       varchar(3)     not null,
    refs           varchar(255)[] not null,
    status         varchar(10)    not null,
    order_id       varchar(100),
    detail         varchar(500)   not null default '',
    event_id       varchar(255)   not null,
    created_at     timestamptz    not null default now(),
    applied_at     timestamptz,
    constraint stripe_refund_status check (status in ('pending', 'applied', 'rejected'))
);
create index stripe_refund_charge_idx on stripe_refund (stripe_charge);
create index stripe_refund_pending_idx on stripe_refund using gin (refs) where status = 'pending';
