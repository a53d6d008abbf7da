-- payouts publishes the payout method of a statement (and the masked IBAN, never the number) so the partner center
-- can say where a payment went when it was not PayPal.
create or replace view payout_statement as
select id, batch_id, partner_id, payout_email, amount, currency, commission_count, status, paid_at, method, iban_mask
from payout_item;
