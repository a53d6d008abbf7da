-- payouts publishes (docs/architecture.md, "Table ownership"):
-- payout_statement: what a partner was (or will be) paid per batch; payout_statement_line: the commissions one
-- statement holds (released_at set when a cancelled batch released them).
create view payout_statement as
select id, batch_id, partner_id, payout_email, amount, currency, commission_count, status, paid_at
from payout_item;

create view payout_statement_line as
select item_id, commission_id, released_at
from payout_item_commission;
