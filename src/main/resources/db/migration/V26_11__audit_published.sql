-- audit publishes (docs/architecture.md, "Table ownership"): audit_record_all, the write API for set-based callers
-- that record one decision over many subjects inside their own statement (commissions' bulk approve/decline), so the
-- entries commit with the change and a 5,000-row chunk stays one round trip. subject_ids[i] pairs with
-- after_values[i]; null arrays record nothing. Returns how many entries it wrote.
create function audit_record_all(p_actor text, p_action text, p_subject_type text, p_subject_ids text[],
                                 p_before text, p_after_values text[], p_detail text)
returns integer language sql volatile as $$
    insert into audit_entry (actor, action, subject_type, subject_id, before_value, after_value, detail)
    select coalesce(nullif(p_actor, ''), 'system'), p_action, p_subject_type, s.subject_id, p_before, s.after_value,
           p_detail
    from unnest(p_subject_ids, p_after_values) as s(subject_id, after_value);
    select coalesce(cardinality(p_subject_ids), 0);
$$;
