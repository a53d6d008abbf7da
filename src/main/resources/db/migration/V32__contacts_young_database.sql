-- Plans that hold on a young database (issue 21). Until a table's first ANALYZE the planner has no statistics, and a
-- plan made while a table had a few rows (a prepared statement's generic plan, a PL/pgSQL trigger's plan) stays in
-- use while the table grows. On a fresh install, order ingestion ran at a fraction of its speed with `contact`
-- scanned in full six times per group-commit batch until the first ANALYZE (docs/benchmarks.md, "young database").

-- A contact's e-mail by primary key, as an index lookup at any table size. The SET clause keeps the function from
-- being inlined, so the planner cannot turn a caller's per-row check into a hashed scan of the whole table.
create function contact_lower_email(contact_id bigint) returns text language sql stable
    set enable_seqscan = off
as $$ select lower(email) from contact where id = contact_id $$;

-- Analyzed after every thousand or so changed rows instead of after 10 % of the table: an ANALYZE also replaces the
-- cached plans that were made while the table was small.
alter table contact set (autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
