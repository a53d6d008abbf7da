-- Append-only audit log of money and program decisions.
create table audit_entry (
    id            bigint generated always as identity primary key,
    occurred_at   timestamptz  not null default now(),
    actor         varchar(254) not null,
    action        varchar(60)  not null,
    subject_type  varchar(40)  not null,
    subject_id    varchar(100),
    before_value  varchar(4000),
    after_value   varchar(4000),
    detail        varchar(2000)
);
create index audit_entry_time_idx on audit_entry (occurred_at desc);
create index audit_entry_subject_idx on audit_entry (subject_type, subject_id);
create index audit_entry_action_idx on audit_entry (action, occurred_at desc);

-- Entries are never changed or removed, whoever asks.
create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
