-- The actor's role when the entry was written (issue 18): a finance user made viewer later still shows as finance on
-- his earlier decisions. Null for API keys, jobs and the entries written before this column (the audit list shows
-- those with the actor's current role, marked "(now)").
alter table audit_entry add column actor_role varchar(20);
