-- Issue 19: fraud hold. A commission a hold rule flags is 'held' (between pending and approved): never auto-approved,
-- never approved by the approve actions; an admin releases it (→ pending) or declines it, with a note (audited).
alter table commission drop constraint commission_status;
alter table commission add constraint commission_status
    check (status in ('pending', 'held', 'approved', 'declined', 'paid', 'refunded'));
alter table commission add column hold_reason varchar(500);
alter table commission add column held_at timestamptz;
-- The IP the order came from (order API's optional ip): the "orders per IP per partner and day" rule counts on it.
alter table commission add column buyer_ip varchar(45);
create index commission_buyer_ip_idx on commission (partner_id, buyer_ip, transaction_date)
    where buyer_ip is not null and clawback_of is null;
create index commission_held_idx on commission (held_at desc, id desc) where status = 'held';

-- The hold rules as the console's settings page saved them (one row; absent = partnerhub.fraud.* defaults).
create table commission_hold_settings (
    id                          integer      primary key default 1,
    match_partner               boolean      not null,
    max_orders_per_ip_per_day   integer      not null,
    min_seconds_after_click     integer      not null,
    updated_by                  varchar(254) not null,
    updated_at                  timestamptz  not null default now(),
    constraint commission_hold_settings_one check (id = 1),
    constraint commission_hold_settings_ip check (max_orders_per_ip_per_day between 0 and 100000),
    constraint commission_hold_settings_click check (min_seconds_after_click between 0 and 86400)
);
