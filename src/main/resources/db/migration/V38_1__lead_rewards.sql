-- Issue 19, lead rewards: a program may pay a fixed amount (in its currency) per qualified lead; null = off.
alter table program add column lead_reward numeric(12, 2);
alter table program add constraint program_lead_reward check (lead_reward is null or lead_reward > 0);

-- Once per contact: one lead commission per lead, whoever's click and however many confirmations at once.
create unique index commission_lead_contact on commission (contact_id) where kind = 'lead' and clawback_of is null;

-- A lead marked invalid after it was paid is clawed back like a refund, but there is no order refund to point at:
-- such a clawback has no refund_id, and there is at most one per lead commission.
alter table commission drop constraint commission_sign;
alter table commission add constraint commission_sign check ((clawback_of is null and amount >= 0 and refund_id is null)
    or (clawback_of is not null and amount < 0 and (refund_id is not null or kind = 'lead')));
create unique index commission_lead_clawback on commission (clawback_of) where clawback_of is not null
    and refund_id is null;
