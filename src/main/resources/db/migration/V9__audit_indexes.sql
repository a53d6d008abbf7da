-- The audit page and its CSV walk entries newest first with id as the tie-breaker (keyset chunks).
create index audit_entry_time_id_idx on audit_entry (occurred_at desc, id desc);
drop index audit_entry_time_idx;
