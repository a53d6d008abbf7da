-- The console dashboard's referred revenue and sales: orders credited to a partner, by date.
create index customer_order_referred_date_idx on customer_order (occurred_at)
    include (referrer_id, contact_id, currency, total) where referrer_id is not null;
