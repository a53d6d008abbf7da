-- Issue 19: commissions that do not come from a sale. kind 'sale' (every commission so far, imports included: they
-- stand on a synthetic order), 'bonus' (a one-off amount an admin or the API gives a partner, contest prizes too) and
-- 'lead' (a fixed amount for a qualified new contact). Bonuses and leads have no order, item, product or sku.
alter table commission add column kind varchar(10) not null default 'sale';
alter table commission add constraint commission_kind check (kind in ('sale', 'bonus', 'lead'));
alter table commission alter column order_id drop not null;
alter table commission alter column order_item_id drop not null;
alter table commission alter column product_id drop not null;
alter table commission alter column sku drop not null;
-- A sale (and its clawbacks) always stands on an order line; a bonus or lead never does.
alter table commission add constraint commission_kind_source check ((kind = 'sale') = (order_item_id is not null
    and order_id is not null and product_id is not null and sku is not null));
-- The client's bonus id (API bonusId, or contest:<id>:rank:<n> for prizes): the same id again is the same bonus.
alter table commission add column bonus_key varchar(200);
create unique index commission_bonus_key on commission (bonus_key) where bonus_key is not null;
alter table commission add constraint commission_bonus_key_kind check (bonus_key is null or kind = 'bonus');

-- The line key is about order lines only: with nulls not distinct, two bonuses of one partner would collide.
drop index commission_line_key;
create unique index commission_line_key on commission (order_item_id, charge_id, partner_id, tier) nulls not distinct
    where clawback_of is null and order_item_id is not null;

-- commissions publishes its kind and, for bonuses and leads, the reason the partner sees (a sale's reason is the
-- calculation trail and stays internal). New columns go last (create or replace view keeps the old ones in place).
create or replace view commission_ledger as
select id, partner_id, contact_id, order_id, charge_id, product_id, sku, tier, amount, currency, status,
       transaction_date, approved_at, paid_at, clawback_of, kind,
       case when kind = 'sale' then null else reason end as note
from commission;
