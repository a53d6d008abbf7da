-- orders publishes (docs/architecture.md, "Table ownership"):
-- order_ledger: an order's customer, referrer, status and total (no request hash, no coupon);
-- order_lines: which products an order holds;
-- order_charge_labels / order_refund_labels: the payment provider's ids of an order's charges and refunds.
create view order_ledger as
select id, order_id, contact_id, referrer_id, credit_rule, status, currency, total, occurred_at
from customer_order;

create view order_lines as
select order_id, product_id, sku
from order_item;

create view order_charge_labels as
select id, order_id, charge_id
from order_charge;

create view order_refund_labels as
select id, order_id, refund_id
from order_refund;

-- Open orders feed the rollups of the partner credited at order time (relationship active_referred_open_orders),
-- and so do items added to an open order ("open orders with product X"). Replaces rollups' V10 triggers here.
create function customer_order_publish_rollup_changes() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform rollups_mark_dirty(array(select distinct referrer_id from new_rows));
    elsif tg_op = 'DELETE' then
        perform rollups_mark_dirty(array(select distinct referrer_id from old_rows));
    else
        perform rollups_mark_dirty(array(select referrer_id from new_rows union select referrer_id from old_rows));
    end if;
    return null;
end $$;

create function order_item_publish_rollup_changes() returns trigger language plpgsql as $$
begin
    perform rollups_mark_dirty(array(
        select distinct o.referrer_id from customer_order o
        where o.id in (select order_id from new_rows) and o.status = 'open'));
    return null;
end $$;

drop trigger customer_order_rollup_ins on customer_order;
drop trigger customer_order_rollup_upd on customer_order;
drop trigger customer_order_rollup_del on customer_order;
drop trigger order_item_rollup_ins on order_item;
create trigger customer_order_rollups_ins after insert on customer_order
    referencing new table as new_rows for each statement execute function customer_order_publish_rollup_changes();
create trigger customer_order_rollups_upd after update on customer_order
    referencing old table as old_rows new table as new_rows for each statement
    execute function customer_order_publish_rollup_changes();
create trigger customer_order_rollups_del after delete on customer_order
    referencing old table as old_rows for each statement execute function customer_order_publish_rollup_changes();
create trigger order_item_rollups_ins after insert on order_item
    referencing new table as new_rows for each statement execute function order_item_publish_rollup_changes();
