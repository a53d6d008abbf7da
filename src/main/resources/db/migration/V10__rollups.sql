-- Rollup fields: definitions, materialised values per partner contact, and the dirty set that keeps them exact.
-- See docs/rollups.md for the strategy (set-based recompute of dirty partners, never deltas).

create table rollup_field (
    id                    bigint generated always as identity primary key,
    name                  varchar(120)  not null,
    function              varchar(5)    not null,
    relationship          varchar(40)   not null,
    field                 varchar(40),
    -- The filter as the API takes it: {"match": "all", "conditions": [...]}.
    filter                jsonb         not null,
    -- True when a condition depends on today's date (within_last_days, "30 days ago"): recomputed daily.
    relative              boolean       not null default false,
    created_at            timestamptz   not null default now(),
    updated_at            timestamptz   not null default now(),
    -- Bumped by every edit: a recompute started for an older definition stops at its next chunk.
    version               bigint        not null default 0,
    -- Background recompute of every partner's value (after create/edit), in chunks of partner ids.
    recompute_status      varchar(10)   not null default 'queued',
    recompute_total       integer       not null default 0,
    recompute_done        integer       not null default 0,
    recompute_cursor      bigint        not null default 0,
    recompute_started_at  timestamptz,
    recompute_finished_at timestamptz,
    recompute_heartbeat   timestamptz   not null default now(),
    constraint rollup_field_function check (function in ('sum', 'count', 'avg', 'min', 'max')),
    constraint rollup_field_relationship check (relationship in ('commissions_earned', 'referred_contacts_first',
        'referred_contacts_last', 'active_referred_open_orders')),
    constraint rollup_field_field check ((function = 'count') = (field is null)),
    constraint rollup_field_name_not_blank check (btrim(name) <> ''),
    constraint rollup_field_recompute_status check (recompute_status in ('queued', 'running', 'done', 'failed'))
);
create unique index rollup_field_name_key on rollup_field (lower(name));

-- One value per rollup field and partner contact. Sum/count of nothing is 0; avg/min/max of nothing is null.
-- Leaderboards and groups read ranks from the (field, value desc) index.
create table rollup_value (
    rollup_field_id  bigint        not null references rollup_field (id) on delete cascade,
    contact_id       bigint        not null references contact (id) on delete cascade,
    value            numeric(19,2),
    computed_at      timestamptz   not null default now(),
    primary key (rollup_field_id, contact_id)
);
create index rollup_value_rank_idx on rollup_value (rollup_field_id, value desc nulls last, contact_id);
create index rollup_value_contact_idx on rollup_value (contact_id);

-- Partners whose values may be out of date. Append-only on purpose (no unique partner_id): a refresher only ever
-- deletes marks it can see, i.e. committed ones, so a mark written by a transaction still in flight is never
-- consumed by a recompute that cannot see that transaction's rows yet (an "on conflict do nothing" mark could be).
create table rollup_dirty (
    id          bigint generated always as identity primary key,
    partner_id  bigint       not null,
    marked_at   timestamptz  not null default now()
);

-- When the relative-date rollups were last recomputed for a whole day (single row).
create table rollup_state (
    id                     smallint primary key default 1,
    relative_refreshed_on  date,
    constraint rollup_state_single_row check (id = 1)
);
insert into rollup_state (id) values (1);

-- Statement-level triggers with transition tables: a bulk update of 100k rows writes one insert-select of the
-- distinct partners it touched, in the same transaction, whatever path (JPA, JDBC bulk SQL, payouts) made it.

create function rollup_mark_commission() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into rollup_dirty (partner_id) select distinct partner_id from new_rows;
    elsif tg_op = 'DELETE' then
        insert into rollup_dirty (partner_id) select distinct partner_id from old_rows;
    else
        insert into rollup_dirty (partner_id)
        select partner_id from new_rows union select partner_id from old_rows;
    end if;
    return null;
end $$;

create trigger commission_rollup_ins after insert on commission
    referencing new table as new_rows for each statement execute function rollup_mark_commission();
create trigger commission_rollup_upd after update on commission
    referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_commission();
create trigger commission_rollup_del after delete on commission
    referencing old table as old_rows for each statement execute function rollup_mark_commission();

-- Open orders are credited to customer_order.referrer_id.
create function rollup_mark_order() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into rollup_dirty (partner_id) select distinct referrer_id from new_rows where referrer_id is not null;
    elsif tg_op = 'DELETE' then
        insert into rollup_dirty (partner_id) select distinct referrer_id from old_rows where referrer_id is not null;
    else
        insert into rollup_dirty (partner_id)
        select referrer_id from (select referrer_id from new_rows union select referrer_id from old_rows) r
        where referrer_id is not null;
    end if;
    return null;
end $$;

create trigger customer_order_rollup_ins after insert on customer_order
    referencing new table as new_rows for each statement execute function rollup_mark_order();
create trigger customer_order_rollup_upd after update on customer_order
    referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_order();
create trigger customer_order_rollup_del after delete on customer_order
    referencing old table as old_rows for each statement execute function rollup_mark_order();

-- Items added to an order change "open orders with product X".
create function rollup_mark_order_item() returns trigger language plpgsql as $$
begin
    insert into rollup_dirty (partner_id)
    select distinct o.referrer_id from customer_order o
    where o.id in (select order_id from new_rows) and o.referrer_id is not null and o.status = 'open';
    return null;
end $$;

create trigger order_item_rollup_ins after insert on order_item
    referencing new table as new_rows for each statement execute function rollup_mark_order_item();

-- Referred contacts: first/last referrer, date added and e-mail are what the relationships filter on.
create function rollup_mark_contact() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into rollup_dirty (partner_id)
        select p from (select first_referrer_id as p from new_rows union select last_referrer_id from new_rows) r
        where p is not null;
    elsif tg_op = 'DELETE' then
        insert into rollup_dirty (partner_id)
        select p from (select first_referrer_id as p from old_rows union select last_referrer_id from old_rows) r
        where p is not null;
    else
        insert into rollup_dirty (partner_id)
        select p from (
            select unnest(array[o.first_referrer_id, o.last_referrer_id, n.first_referrer_id, n.last_referrer_id]) as p
            from old_rows o join new_rows n on n.id = o.id
            where o.first_referrer_id is distinct from n.first_referrer_id
               or o.last_referrer_id is distinct from n.last_referrer_id
               or o.date_added is distinct from n.date_added
               or o.email is distinct from n.email) r
        where p is not null
        group by p;
    end if;
    return null;
end $$;

create trigger contact_rollup_ins after insert on contact
    referencing new table as new_rows for each statement execute function rollup_mark_contact();
create trigger contact_rollup_upd after update on contact
    referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_contact();
create trigger contact_rollup_del after delete on contact
    referencing old table as old_rows for each statement execute function rollup_mark_contact();

-- A new partner gets his rows (0 for sums and counts) so leaderboards rank him too.
create function rollup_mark_partner() returns trigger language plpgsql as $$
begin
    insert into rollup_dirty (partner_id) select id from new_rows;
    return null;
end $$;

create trigger partner_rollup_ins after insert on partner
    referencing new table as new_rows for each statement execute function rollup_mark_partner();

-- A contact removed from his program is no partner any more: his stored values go (sums and counts of non-partners
-- read as 0, avg/min/max as null).
create function rollup_forget_partner() returns trigger language plpgsql as $$
begin
    delete from rollup_value where contact_id in (select contact_id from old_rows);
    return null;
end $$;

create trigger partner_rollup_del after delete on partner
    referencing old table as old_rows for each statement execute function rollup_forget_partner();
