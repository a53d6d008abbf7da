-- partners publishes (docs/architecture.md, "Table ownership"):
-- partner_directory: a partner's identity, program, status and upline; no version or internals.
create view partner_directory as
select id, contact_id, program_id, code, status, parent_id, payout_email, created_at
from partner;

-- A new partner gets his rollup rows (0 for sums and counts) so leaderboards rank him too; moving a partner to
-- another program changes which rows count (the program's currency). Replaces rollups' V10/V21 triggers here.
create function partner_publish_rollup_changes() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform rollups_mark_dirty(array(select id from new_rows));
    elsif tg_op = 'DELETE' then
        -- a contact removed from his program is no partner any more
        perform rollups_forget_contacts(array(select contact_id from old_rows));
    else
        perform rollups_mark_dirty(array(select n.id from new_rows n join old_rows o on o.id = n.id
                                         where o.program_id is distinct from n.program_id));
    end if;
    return null;
end $$;

drop trigger partner_rollup_ins on partner;
drop trigger partner_rollup_del on partner;
drop trigger partner_rollup_program_upd on partner;
create trigger partner_rollups_ins after insert on partner
    referencing new table as new_rows for each statement execute function partner_publish_rollup_changes();
create trigger partner_rollups_upd after update on partner
    referencing old table as old_rows new table as new_rows for each statement
    execute function partner_publish_rollup_changes();
create trigger partner_rollups_del after delete on partner
    referencing old table as old_rows for each statement execute function partner_publish_rollup_changes();
