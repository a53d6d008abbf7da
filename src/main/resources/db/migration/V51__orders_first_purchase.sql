-- orders publishes (docs/architecture.md, "Table ownership"): order_first_purchase, each contact's first paid-for
-- order — the earliest order that is not unpaid (the lower id on a tie). The one definition of "first purchase":
-- the dashboard's customers (console) and the orders list's first=yes (orders) both read it. A plain view, nothing
-- stored: the order path writes nothing more. The condition sits in the view's where clause, so the planner
-- flattens the view and plans the not-exists as an anti-join, as it did when each reader wrote it out. The orders
-- list reads its rows as its row source (hence recurring and paid_at besides order_ledger's columns).
create view order_first_purchase as
select o.id, o.order_id, o.contact_id, o.referrer_id, o.credit_rule, o.status, o.currency, o.total, o.occurred_at,
       o.recurring, o.paid_at
from customer_order o
where o.status <> 'unpaid'
  and not exists (select 1 from customer_order e
                  where e.contact_id = o.contact_id and e.status <> 'unpaid'
                    and (e.occurred_at < o.occurred_at or (e.occurred_at = o.occurred_at and e.id < o.id)));
