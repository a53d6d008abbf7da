-- Table ownership (docs/architecture.md): rollups no longer puts triggers on other modules' tables. It publishes
-- these functions instead; each owner declares, in its own migration, the trigger on its own table that calls them
-- with the partners its change touched. Same transaction as the change, so "zero drift" holds as before.

-- Marks partners dirty (append-only, see rollup_dirty); nulls and repeats in the array are ignored.
create function rollups_mark_dirty(partner_ids bigint[]) returns void language sql as $$
    insert into rollup_dirty (partner_id) select distinct p from unnest(partner_ids) p where p is not null;
$$;

-- A program's change that moves which rows count (its currency) marks every partner of the programs dirty.
-- Reads the partners through their owner's view (plpgsql: resolved at the first call, after V26_2 created it).
create function rollups_mark_programs_dirty(program_ids bigint[]) returns void language plpgsql as $$
begin
    insert into rollup_dirty (partner_id) select p.id from partner_directory p where p.program_id = any(program_ids);
end $$;

-- Contacts who are no partners any more: their stored values go (sums and counts of non-partners read as 0,
-- avg/min/max as null).
create function rollups_forget_contacts(contact_ids bigint[]) returns void language sql as $$
    delete from rollup_value where contact_id = any(contact_ids);
$$;
