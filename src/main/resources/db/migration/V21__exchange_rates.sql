-- Currencies (issue 14, item 7). An order in a currency other than the earning partner's program is converted at
-- the exchange rate stored for the order's day (UTC); the commission is in the program's currency and records the
-- rate it used. Payout batches hold one currency each.

-- One rate per currency pair and day: 1 base = rate quote. A stored rate is never changed or removed; a later
-- day's entry supersedes it from that day on (the rate for day D is the latest entry with day <= D).
create table exchange_rate (
    id          bigint generated always as identity primary key,
    base        varchar(3)    not null,
    quote       varchar(3)    not null,
    day         date          not null,
    rate        numeric(19,8) not null,
    created_by  varchar(254)  not null,
    created_at  timestamptz   not null default now(),
    constraint exchange_rate_key unique (base, quote, day),
    constraint exchange_rate_codes check (base ~ '^[A-Z]{3}$' and quote ~ '^[A-Z]{3}$' and base <> quote),
    constraint exchange_rate_positive check (rate > 0)
);
create index exchange_rate_created_idx on exchange_rate (created_at desc, id desc);

create function exchange_rate_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'exchange_rate rows are never changed: store a rate for a later day instead';
end;
$$;
create trigger exchange_rate_no_update before update or delete on exchange_rate
    for each row execute function exchange_rate_immutable();

-- A converted commission: base_amount stays in the order's currency (refunds are pro rata to it), amount and
-- currency are the program's; order_currency, exchange_rate and rate_day say how it was converted. All null when
-- the order was in the program's currency.
alter table commission
    add column order_currency varchar(3),
    add column exchange_rate  numeric(19,8),
    add column rate_day       date,
    add constraint commission_conversion check (
        (order_currency is null and exchange_rate is null and rate_day is null)
        or (order_currency is not null and exchange_rate > 0 and rate_day is not null and order_currency <> currency));
comment on column commission.base_amount is
    'The net the commission stands on (the line, or its share of a charge) in the ORDER''s currency: refunds are pro rata to it. Converted at exchange_rate when order_currency is set.';

-- A batch pays one currency. Older batches whose items share one currency get it; a batch that mixed currencies
-- before this change keeps null and is shown and exported per currency.
alter table payout_batch add column currency varchar(3);
update payout_batch b set currency = i.currency
from (select batch_id, min(currency) as currency from payout_item
      group by batch_id having count(distinct currency) = 1) i
where i.batch_id = b.id;

-- Rollup sums/averages/minima/maxima count only rows in the currency of the partner's current program
-- (rollups.domain.RollupSql): moving a partner to another program, or changing a program's currency, changes which
-- rows count, so it marks the partners dirty like a change of their rows does.
create function rollup_mark_partner_program() returns trigger language plpgsql as $$
begin
    insert into rollup_dirty (partner_id)
    select n.id from new_rows n join old_rows o on o.id = n.id where o.program_id is distinct from n.program_id;
    return null;
end $$;

create trigger partner_rollup_program_upd after update on partner
    referencing old table as old_rows new table as new_rows for each statement
    execute function rollup_mark_partner_program();

create function rollup_mark_program_currency() returns trigger language plpgsql as $$
begin
    insert into rollup_dirty (partner_id)
    select p.id from partner p
    join new_rows n on n.id = p.program_id
    join old_rows o on o.id = n.id
    where o.currency is distinct from n.currency;
    return null;
end $$;

create trigger program_rollup_currency_upd after update on program
    referencing old table as old_rows new table as new_rows for each statement
    execute function rollup_mark_program_currency();
