-- commission.created webhooks describe the commission as it was made: a refund processed before the (asynchronous)
-- webhook listener ran lowered `amount` and the message said so. The ledger now also offers the amount at creation.
create or replace view commission_ledger as
select id, partner_id, contact_id, order_id, charge_id, product_id, sku, tier, amount, currency, status,
       transaction_date, approved_at, paid_at, clawback_of, kind,
       case when kind = 'sale' then null else reason end as note,
       original_amount
from commission;
