-- contacts publishes (docs/architecture.md, "Table ownership"):
-- contact_directory: who a contact is and who referred him; what other modules join, list and filter on.
create view contact_directory as
select id, email, first_name, last_name, date_added, first_referrer_id, first_referred_at, first_referral,
       last_referrer_id, last_referred_at, last_referral
from contact;

-- Referred contacts feed the rollups of their first/last referrer (relationships referred_contacts_first/_last):
-- the referrers, date added and e-mail are what those filter on. Replaces rollups' V10 triggers on this table.
create function contact_publish_rollup_changes() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform rollups_mark_dirty(array(select first_referrer_id from new_rows
                                         union select last_referrer_id from new_rows));
    elsif tg_op = 'DELETE' then
        perform rollups_mark_dirty(array(select first_referrer_id from old_rows
                                         union select last_referrer_id from old_rows));
    else
        perform rollups_mark_dirty(array(
            select unnest(array[o.first_referrer_id, o.last_referrer_id, n.first_referrer_id, n.last_referrer_id])
            from old_rows o join new_rows n on n.id = o.id
            where o.first_referrer_id is distinct from n.first_referrer_id
               or o.last_referrer_id is distinct from n.last_referrer_id
               or o.date_added is distinct from n.date_added
               or o.email is distinct from n.email));
    end if;
    return null;
end $$;

drop trigger contact_rollup_ins on contact;
drop trigger contact_rollup_upd on contact;
drop trigger contact_rollup_del on contact;
create trigger contact_rollups_ins after insert on contact
    referencing new table as new_rows for each statement execute function contact_publish_rollup_changes();
create trigger contact_rollups_upd after update on contact
    referencing old table as old_rows new table as new_rows for each statement
    execute function contact_publish_rollup_changes();
create trigger contact_rollups_del after delete on contact
    referencing old table as old_rows for each statement execute function contact_publish_rollup_changes();
