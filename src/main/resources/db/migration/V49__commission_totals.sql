-- Commission totals the console dashboard and the payout preview read instead of summing every commission
-- (docs/benchmarks.md, "Dashboard": 4-10 s at 1M commissions before this).

-- The program a commission was earned in (DESIGN.md: "a commission is computed with the earning partner's program
-- at order time"). A partner moved to another program keeps the past commissions in the program they were earned
-- in, so a per-program total never has to be re-keyed. Filled from the partner on insert by every path (orders,
-- bonuses, lead rewards, imports, SQL seeding) unless given.
alter table commission add column program_id bigint;
-- the program a past commission was earned in is not a rollup input: no recompute of every partner for it
alter table commission disable trigger commission_rollups_upd;
update commission c set program_id = p.program_id from partner_directory p where p.id = c.partner_id;
alter table commission enable trigger commission_rollups_upd;
alter table commission alter column program_id set not null;

create function commission_earned_in_program() returns trigger language plpgsql as $$
begin
    if new.program_id is null then
        select p.program_id into new.program_id from partner_directory p where p.id = new.partner_id;
    end if;
    return new;
end $$;
-- the order path names the program itself; the condition is checked without calling the function
create trigger commission_program_ins before insert on commission
    for each row when (new.program_id is null) execute function commission_earned_in_program();

-- Changes are appended as deltas by statement triggers (no row is updated in place, so concurrent order
-- transactions never queue on one hot "today, pending" row) and folded into the totals by
-- commission_totals_compact(), run every few seconds by CommissionTotals. Readers add both: the published views below
-- are exact at every moment.
create table commission_total_delta (
    day         date          not null,
    program_id  bigint        not null,
    partner_id  bigint        not null,
    status      varchar(10)   not null,
    currency    varchar(3)    not null,
    n           bigint        not null,
    amount      numeric       not null
);

create table commission_day_total (
    day         date          not null,
    program_id  bigint        not null,
    status      varchar(10)   not null,
    currency    varchar(3)    not null,
    n           bigint        not null,
    amount      numeric       not null,
    primary key (day, program_id, status, currency)
);

create table commission_partner_total (
    partner_id  bigint        not null,
    currency    varchar(3)    not null,
    status      varchar(10)   not null,
    n           bigint        not null,
    amount      numeric       not null,
    primary key (partner_id, currency, status)
);

-- What the dashboard's top partners by commission add up over long ranges: earned commissions (pending, held,
-- approved, paid) per month, partner, program earned in and currency.
create table commission_partner_month_total (
    month       date          not null,
    program_id  bigint        not null,
    partner_id  bigint        not null,
    currency    varchar(3)    not null,
    n           bigint        not null,
    amount      numeric       not null,
    primary key (month, program_id, partner_id, currency)
);

create function commission_totals_record() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into commission_total_delta
        select cast(r.transaction_date at time zone 'UTC' as date), r.program_id, r.partner_id, r.status, r.currency,
               count(*), sum(r.amount)
        from new_rows r group by 1, 2, 3, 4, 5;
    elsif tg_op = 'DELETE' then
        insert into commission_total_delta
        select cast(r.transaction_date at time zone 'UTC' as date), r.program_id, r.partner_id, r.status, r.currency,
               -count(*), -sum(r.amount)
        from old_rows r group by 1, 2, 3, 4, 5;
    else
        -- only what moved: an update that changes no counted column (a version, a note, approved_at) adds nothing
        insert into commission_total_delta
        select day, program_id, partner_id, status, currency, sum(n), sum(amount)
        from (select cast(r.transaction_date at time zone 'UTC' as date) as day, r.program_id, r.partner_id,
                     r.status, r.currency, 1 as n, r.amount
              from new_rows r
              union all
              select cast(r.transaction_date at time zone 'UTC' as date), r.program_id, r.partner_id, r.status,
                     r.currency, -1, -r.amount
              from old_rows r) d
        group by 1, 2, 3, 4, 5
        having sum(n) <> 0 or sum(amount) <> 0;
    end if;
    return null;
end $$;

create trigger commission_totals_ins after insert on commission
    referencing new table as new_rows for each statement execute function commission_totals_record();
create trigger commission_totals_upd after update on commission
    referencing old table as old_rows new table as new_rows for each statement
    execute function commission_totals_record();
create trigger commission_totals_del after delete on commission
    referencing old table as old_rows for each statement execute function commission_totals_record();

-- Folds the deltas into the totals in one statement: a reader sees either the deltas or the totals they became.
-- Deltas appended meanwhile are not in this statement's snapshot and wait for the next run. Rows are upserted in key
-- order so two runs cannot deadlock; the second one's delete skips what the first one took.
create function commission_totals_compact() returns bigint language sql as $$
    with moved as (delete from commission_total_delta returning *),
    days as (
        insert into commission_day_total as t (day, program_id, status, currency, n, amount)
        select day, program_id, status, currency, sum(n), sum(amount) from moved
        group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (day, program_id, status, currency)
            do update set n = t.n + excluded.n, amount = t.amount + excluded.amount
    ),
    partners as (
        insert into commission_partner_total as t (partner_id, currency, status, n, amount)
        select partner_id, currency, status, sum(n), sum(amount) from moved
        group by 1, 2, 3 order by 1, 2, 3
        on conflict (partner_id, currency, status)
            do update set n = t.n + excluded.n, amount = t.amount + excluded.amount
    ),
    months as (
        insert into commission_partner_month_total as t (month, program_id, partner_id, currency, n, amount)
        select cast(date_trunc('month', day) as date), program_id, partner_id, currency, sum(n), sum(amount)
        from moved where status in ('pending', 'held', 'approved', 'paid')
        group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (month, program_id, partner_id, currency)
            do update set n = t.n + excluded.n, amount = t.amount + excluded.amount
    )
    select count(*) from moved;
$$;

-- The existing commissions, as one delta each group, folded at once.
insert into commission_total_delta
select cast(transaction_date at time zone 'UTC' as date), program_id, partner_id, status, currency, count(*),
       sum(amount)
from commission group by 1, 2, 3, 4, 5;
select commission_totals_compact();

-- commissions publishes (docs/architecture.md, "Table ownership"):
-- commission_day_summary: count and amount per UTC day of the transaction date, program earned in, status and
-- currency (the dashboard's status figures and trends).
create view commission_day_summary as
select day, program_id, status, currency, sum(n) as n, sum(amount) as amount
from (select day, program_id, status, currency, n, amount from commission_day_total
      union all
      select day, program_id, status, currency, n, amount from commission_total_delta) t
group by day, program_id, status, currency
having sum(n) <> 0 or sum(amount) <> 0;

-- commission_partner_balance: count and amount per partner, currency and status (the payout preview's approved
-- balances).
create view commission_partner_balance as
select partner_id, currency, status, sum(n) as n, sum(amount) as amount
from (select partner_id, currency, status, n, amount from commission_partner_total
      union all
      select partner_id, currency, status, n, amount from commission_total_delta) t
group by partner_id, currency, status
having sum(n) <> 0 or sum(amount) <> 0;

-- commission_partner_month_summary: earned commissions (pending, held, approved, paid) per month, program earned in,
-- partner and currency (the dashboard's top partners over the whole months of a range).
create view commission_partner_month_summary as
select month, program_id, partner_id, currency, sum(n) as n, sum(amount) as amount
from (select month, program_id, partner_id, currency, n, amount from commission_partner_month_total
      union all
      select cast(date_trunc('month', day) as date), program_id, partner_id, currency, n, amount
      from commission_total_delta where status in ('pending', 'held', 'approved', 'paid')) t
group by month, program_id, partner_id, currency
having sum(n) <> 0 or sum(amount) <> 0;

-- commission_ledger also offers the program a commission was earned in.
create or replace view commission_ledger as
select id, partner_id, contact_id, order_id, charge_id, product_id, sku, tier, amount, currency, status,
       transaction_date, approved_at, paid_at, clawback_of, kind,
       case when kind = 'sale' then null else reason end as note,
       original_amount, program_id
from commission;

-- The top partners by commission per program read only index entries.
drop index commission_dashboard_idx;
create index commission_dashboard_idx on commission (transaction_date)
    include (partner_id, program_id, status, currency, amount);
