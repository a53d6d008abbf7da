-- One statement trigger per change of commission publishes it to both readers: the earners' rollups (V26_4) and the
-- commission totals (V49). Two triggers cost the order path two PL/pgSQL calls per statement (docs/benchmarks.md,
-- "Order ingestion after the commission totals").
create or replace function commission_publish_rollup_changes() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform rollups_mark_dirty(array(select distinct partner_id from new_rows));
        insert into commission_total_delta
        select cast(r.transaction_date at time zone 'UTC' as date), r.program_id, r.partner_id, r.status, r.currency,
               count(*), sum(r.amount)
        from new_rows r group by 1, 2, 3, 4, 5;
    elsif tg_op = 'DELETE' then
        perform rollups_mark_dirty(array(select distinct partner_id from old_rows));
        insert into commission_total_delta
        select cast(r.transaction_date at time zone 'UTC' as date), r.program_id, r.partner_id, r.status, r.currency,
               -count(*), -sum(r.amount)
        from old_rows r group by 1, 2, 3, 4, 5;
    else
        perform rollups_mark_dirty(array(select partner_id from new_rows union select partner_id from old_rows));
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

drop trigger commission_totals_ins on commission;
drop trigger commission_totals_upd on commission;
drop trigger commission_totals_del on commission;
drop function commission_totals_record();
