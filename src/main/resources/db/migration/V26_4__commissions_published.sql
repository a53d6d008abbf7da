-- commissions publishes (docs/architecture.md, "Table ownership"):
-- commission_ledger: who earned what on which order, its status and dates; no audit internals (version, reasons,
-- exchange-rate trail, external ids).
create view commission_ledger as
select id, partner_id, contact_id, order_id, charge_id, product_id, sku, tier, amount, currency, status,
       transaction_date, approved_at, paid_at, clawback_of
from commission;

-- Commissions feed their earner's rollups (relationship commissions_earned). Statement-level with transition
-- tables: a bulk update of 100k rows hands rollups one array of the distinct partners it touched, in the same
-- transaction, whatever path (JPA, JDBC bulk SQL, payouts) made it. Replaces rollups' V10 triggers on this table.
create function commission_publish_rollup_changes() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform rollups_mark_dirty(array(select distinct partner_id from new_rows));
    elsif tg_op = 'DELETE' then
        perform rollups_mark_dirty(array(select distinct partner_id from old_rows));
    else
        perform rollups_mark_dirty(array(select partner_id from new_rows union select partner_id from old_rows));
    end if;
    return null;
end $$;

drop trigger commission_rollup_ins on commission;
drop trigger commission_rollup_upd on commission;
drop trigger commission_rollup_del on commission;
create trigger commission_rollups_ins after insert on commission
    referencing new table as new_rows for each statement execute function commission_publish_rollup_changes();
create trigger commission_rollups_upd after update on commission
    referencing old table as old_rows new table as new_rows for each statement
    execute function commission_publish_rollup_changes();
create trigger commission_rollups_del after delete on commission
    referencing old table as old_rows for each statement execute function commission_publish_rollup_changes();
