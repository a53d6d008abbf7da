-- Orders (one-time and open/recurring), their items, recurring charges and refunds; commissions and their adjustments.
-- The initial sale is NOT a row of order_charge: its commissions have charge_id null. order_charge holds only the
-- recurring charges posted to an open order. The order's amount = sum(order_item.line_net) + sum(order_charge.amount).

create table customer_order (
    id                  bigint generated always as identity primary key,
    order_id            varchar(100)  not null,
    contact_id          bigint        not null references contact (id),
    currency            varchar(3)    not null,
    status              varchar(10)   not null,
    recurring           boolean       not null default false,
    occurred_at         timestamptz   not null,
    total               numeric(19,2) not null,
    -- SHA-256 of the canonical request: a replay with the same body returns the stored result, another body is 409.
    request_hash        varchar(64)   not null,
    -- Attribution decided at order time (recurring charges credit the same partner).
    referrer_id         bigint        references partner (id) on delete set null,
    credit_rule         varchar(5),
    created_at          timestamptz   not null default now(),
    closed_at           timestamptz,
    constraint customer_order_order_id_key unique (order_id),
    constraint customer_order_status check (status in ('open', 'closed', 'completed')),
    constraint customer_order_currency check (currency ~ '^[A-Z]{3}$'),
    constraint customer_order_total check (total >= 0),
    constraint customer_order_credit_rule check (credit_rule is null or credit_rule in ('first', 'last')),
    constraint customer_order_open_is_recurring check (status <> 'open' or recurring)
);
create index customer_order_contact_idx on customer_order (contact_id);
create index customer_order_open_idx on customer_order (contact_id) where status = 'open';
create index customer_order_referrer_idx on customer_order (referrer_id);

create table order_item (
    id          bigint generated always as identity primary key,
    order_id    bigint        not null references customer_order (id) on delete cascade,
    line_no     integer       not null,
    product_id  bigint        not null references product (id),
    sku         varchar(64)   not null,
    quantity    integer       not null,
    unit_price  numeric(19,2) not null,
    line_net    numeric(19,2) not null,
    constraint order_item_line_key unique (order_id, line_no),
    constraint order_item_quantity check (quantity > 0),
    constraint order_item_unit_price check (unit_price >= 0),
    constraint order_item_line_net check (line_net = quantity * unit_price)
);
create index order_item_product_idx on order_item (product_id);

create table order_charge (
    id           bigint generated always as identity primary key,
    order_id     bigint        not null references customer_order (id) on delete cascade,
    charge_id    varchar(100)  not null,
    amount       numeric(19,2) not null,
    occurred_at  timestamptz   not null,
    created_at   timestamptz   not null default now(),
    constraint order_charge_key unique (order_id, charge_id),
    constraint order_charge_amount check (amount > 0)
);

create table order_refund (
    id             bigint generated always as identity primary key,
    order_id       bigint        not null references customer_order (id) on delete cascade,
    refund_id      varchar(100)  not null,
    -- What the client asked for (null = "the full remaining amount"), to tell a replay from another request.
    requested      numeric(19,2),
    amount         numeric(19,2) not null,
    occurred_at    timestamptz   not null,
    created_at     timestamptz   not null default now(),
    constraint order_refund_key unique (order_id, refund_id),
    constraint order_refund_amount check (amount > 0)
);

create table commission (
    id                bigint generated always as identity primary key,
    partner_id        bigint        not null references partner (id),
    contact_id        bigint        not null references contact (id),
    order_id          bigint        not null references customer_order (id),
    order_item_id     bigint        not null references order_item (id),
    charge_id         bigint        references order_charge (id),
    refund_id         bigint        references order_refund (id),
    product_id        bigint        not null references product (id),
    sku               varchar(64)   not null,
    tier              smallint      not null,
    -- The net the commission was computed on (the line, or the line's share of a charge): refunds are pro rata to it.
    base_amount       numeric(19,2) not null,
    original_amount   numeric(19,2) not null,
    amount            numeric(19,2) not null,
    currency          varchar(3)    not null,
    status            varchar(10)   not null default 'pending',
    transaction_date  timestamptz   not null,
    reason            text          not null default '',
    clawback_of       bigint        references commission (id),
    created_at        timestamptz   not null default now(),
    approved_at       timestamptz,
    paid_at           timestamptz,
    version           bigint        not null default 0,
    constraint commission_tier check (tier in (1, 2)),
    constraint commission_status check (status in ('pending', 'approved', 'declined', 'paid', 'refunded')),
    constraint commission_currency check (currency ~ '^[A-Z]{3}$'),
    -- Only clawbacks are negative; they always point at the paid commission and the refund that caused them.
    constraint commission_sign check ((clawback_of is null and amount >= 0 and refund_id is null)
        or (clawback_of is not null and amount < 0 and refund_id is not null))
);
-- One sale/charge line produces at most one commission per partner and tier (replays cannot double-credit).
create unique index commission_line_key on commission (order_item_id, charge_id, partner_id, tier) nulls not distinct
    where clawback_of is null;
create unique index commission_clawback_key on commission (clawback_of, refund_id) where clawback_of is not null;
create index commission_partner_status_date_idx on commission (partner_id, status, transaction_date desc);
create index commission_status_date_idx on commission (status, transaction_date desc);
create index commission_date_idx on commission (transaction_date desc, id desc);
create index commission_order_idx on commission (order_id);
create index commission_product_idx on commission (product_id);

-- A partial refund of an unpaid commission reduces its amount; this keeps what it was and why it changed.
create table commission_adjustment (
    id              bigint generated always as identity primary key,
    commission_id   bigint        not null references commission (id),
    refund_id       bigint        not null references order_refund (id),
    amount_before   numeric(19,2) not null,
    amount_after    numeric(19,2) not null,
    status_before   varchar(10)   not null,
    status_after    varchar(10)   not null,
    created_at      timestamptz   not null default now(),
    constraint commission_adjustment_key unique (commission_id, refund_id),
    constraint commission_adjustment_reduces check (amount_after <= amount_before and amount_after >= 0)
);
