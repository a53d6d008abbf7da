-- Issue 20: broadcasts (a scheduled one is rendered when it is sent) in the one merge syntax (V42__merge_syntax.sql).
update broadcast
set subject = merge_syntax_convert(subject),
    body    = merge_syntax_convert(body)
where subject <> merge_syntax_convert(subject) or body <> merge_syntax_convert(body);
