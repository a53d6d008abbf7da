-- programs: which payout methods a program offers its partners (paypal, bank, other) and whether partners must
-- enter tax details before they are paid. Before V34 every program paid by PayPal only.
alter table program
    add column payout_methods       varchar(20)[] not null default '{paypal}',
    add column require_tax_details  boolean       not null default false,
    add constraint program_payout_methods check (payout_methods <@ array['paypal', 'bank', 'other']::varchar(20)[]
                                                 and cardinality(payout_methods) > 0);

create or replace view program_catalog as
select id, name, currency, tiers, approval_delay_days, minimum_payout, payout_methods, require_tax_details
from program;
