-- WooCommerce and Shopify webhooks: every delivery taken once, the shop orders booked, their refunds.

-- Every signed delivery, applied once: its id (X-WC-Webhook-Delivery-ID, X-Shopify-Webhook-Id) is taken in the same
-- transaction as its effect, so a redelivery (or ten at once) waits for that transaction and then finds it taken.
-- outcome: applied, ignored (a topic or status we do not book), pending (a refund waiting for its order), rejected.
create table shop_webhook_delivery (
    provider     varchar(20)   not null,
    delivery_id  varchar(255)  not null,
    topic        varchar(100)  not null,
    outcome      varchar(10)   not null,
    detail       varchar(2000) not null default '',
    received_at  timestamptz   not null default now(),
    constraint shop_webhook_delivery_pk primary key (provider, delivery_id),
    constraint shop_webhook_delivery_outcome check (outcome in ('applied', 'ignored', 'pending', 'rejected'))
);
create index shop_webhook_delivery_received_idx on shop_webhook_delivery (received_at desc);

-- A booked shop order: what the shop charged (gross, with tax and shipping) and what was booked (net), so a refund
-- of part of the gross takes the same share of the net.
create table shop_order (
    order_id  varchar(100)   primary key,
    provider  varchar(20)    not null,
    gross     numeric(19,2)  not null,
    booked    numeric(19,2)  not null
);

-- Shop refunds, by their own id (woo-refund:<id>, shopify-refund:<id>): pending until their order is booked, then
-- applied (or rejected with the reason). amount is gross (a share of the order's gross) unless net is true.
create table shop_refund (
    refund_id    varchar(100)   primary key,
    provider     varchar(20)    not null,
    order_id     varchar(100)   not null,
    amount       numeric(19,2)  not null,
    net          boolean        not null default false,
    completes    boolean        not null default false,
    status       varchar(10)    not null,
    detail       varchar(500)   not null default '',
    delivery_id  varchar(255)   not null,
    created_at   timestamptz    not null default now(),
    applied_at   timestamptz,
    constraint shop_refund_status check (status in ('pending', 'applied', 'rejected'))
);
create index shop_refund_order_idx on shop_refund (order_id, created_at);
