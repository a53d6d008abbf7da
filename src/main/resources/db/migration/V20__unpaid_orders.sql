-- Orders from the public hosted form (/buy/{sku}) are stored 'unpaid': no commission until an admin (console or
-- POST /api/v1/orders/{orderId}/paid) confirms the payment, which turns them 'completed' and credits them then.
-- paid_at: when an unpaid order's payment was confirmed (null for orders that arrived paid through the API).
-- referral: the genuine click token that came with the form, applied when the payment is confirmed.
alter table customer_order
    add column paid_at  timestamptz,
    add column referral varchar(200);
alter table customer_order drop constraint customer_order_status;
alter table customer_order add constraint customer_order_status
    check (status in ('unpaid', 'open', 'closed', 'completed'));
-- The hosted form sells one-time orders only; an unpaid order has not been credited to anybody yet.
alter table customer_order add constraint customer_order_unpaid_one_time
    check (status <> 'unpaid' or (not recurring and referrer_id is null and paid_at is null));
-- The console's "unpaid" filter (few rows: those waiting for an admin).
create index customer_order_unpaid_idx on customer_order (occurred_at desc) where status = 'unpaid';
