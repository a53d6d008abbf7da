-- programs publishes (docs/architecture.md, "Table ownership"):
-- program_catalog: a program's name, currency, tiers and the two rules other modules apply (approval delay,
-- minimum payout); product_catalog: what a SKU is called.
create view program_catalog as
select id, name, currency, tiers, approval_delay_days, minimum_payout
from program;

create view product_catalog as
select id, sku, name
from product;

-- A program's new currency changes which rows its partners' money rollups count. Replaces rollups' V21 trigger.
create function program_publish_rollup_changes() returns trigger language plpgsql as $$
begin
    perform rollups_mark_programs_dirty(array(select n.id from new_rows n join old_rows o on o.id = n.id
                                              where o.currency is distinct from n.currency));
    return null;
end $$;

drop trigger program_rollup_currency_upd on program;
create trigger program_rollups_upd after update on program
    referencing old table as old_rows new table as new_rows for each statement
    execute function program_publish_rollup_changes();
