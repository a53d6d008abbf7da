-- Issue 20: one merge syntax, {{field}}, for every text an admin writes (support.merge.MergeText).
-- merge_syntax_convert rewrites the old syntaxes so nothing a customer wrote breaks:
--   Thymeleaf inlines [[…]] and [(…)] of a field, also with ?: 'fallback'  -> {{name}}, {{name | "fallback"}}
--   blocks [# th:if="…"] (a field, or a field == / != a quoted text), [# th:each="x : …"] … [/]
--                                              -> {{#if …}} … {{/if}}, {{#each list as x}} … {{/each}}
--   renames (promo tools' {{partner.link}}, page blocks' {{trackedLink}} …) given as a jsonb map old -> new, and
--   page blocks' {{rollup:Field name}} -> {{rollup_field_name}} when rollups is true.
-- (Flyway reads a dollar sign followed by a brace as its placeholder: the patterns below escape both.)
-- Anything it cannot read (an expression with method calls, say) stays as written: the editor then names it as
-- the old syntax, and sending such a template marks the message failed in the outbox instead of mailing it.
-- A pure function over text (no table): each owner's migration calls it on its own rows.
create or replace function merge_syntax_convert(body text, renames jsonb default '{}'::jsonb,
                                                rollups boolean default false) returns text
    language plpgsql immutable as $fn$
declare
    t       text := body;
    prev    text;
    body_re constant text := '((?:(?!\[#|\[/\]).)*)';
    fld     constant text := '([A-Za-z_][A-Za-z0-9_.]*)';
    r       record;
    hit   text[];
begin
    if t is null then
        return null;
    end if;
    -- blocks, innermost first: an innermost block holds no other [# …] and no [/]
    loop
        prev := t;
        t := regexp_replace(t, '\[#\s*th:if="\$\{\s*' || fld || '\s*(==|!=)\s*''([^'']*)''\s*\}"\s*\]' || body_re
                                   || '\[/\]', '{{#if \1 \2 "\3"}}\4{{/if}}', 'g');
        t := regexp_replace(t, '\[#\s*th:if="\$\{\s*' || fld || '\s*\}"\s*\]' || body_re || '\[/\]',
                            '{{#if \1}}\2{{/if}}', 'g');
        t := regexp_replace(t, '\[#\s*th:each="\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*\$\{\s*' || fld || '\s*\}\s*"\s*\]'
                                   || body_re || '\[/\]', '{{#each \2 as \1}}\3{{/each}}', 'g');
        exit when t = prev;
    end loop;
    -- inlines
    t := regexp_replace(t, '\[\[\$\{\s*' || fld || '\s*\}\s*\?:\s*''([^'']*)''\s*\]\]', '{{\1 | "\2"}}', 'g');
    t := regexp_replace(t, '\[\[\$\{\s*' || fld || '\s*\?:\s*''([^'']*)''\s*\}\]\]', '{{\1 | "\2"}}', 'g');
    t := regexp_replace(t, '\[\[\$\{\s*' || fld || '\s*\}\]\]', '{{\1}}', 'g');
    t := regexp_replace(t, '\[\(\$\{\s*' || fld || '\s*\}\)\]', '{{\1}}', 'g');
    -- renamed fields
    for r in select key, value #>> '{}' as target from jsonb_each(renames) loop
        t := regexp_replace(t, '\{\{\s*' || regexp_replace(r.key, '([.])', '\\\1', 'g') || '\s*(\||\}\})',
                            '{{' || r.target || ' \1', 'g');
    end loop;
    t := regexp_replace(t, '\{\{([A-Za-z_][A-Za-z0-9_.]*) \}\}', '{{\1}}', 'g');
    if rollups then
        loop
            hit := regexp_match(t, '\{\{\s*rollup:\s*([^}|]*?)\s*\}\}');
            exit when hit is null;
            t := replace(t, (regexp_match(t, '\{\{\s*rollup:\s*[^}|]*?\s*\}\}'))[1],
                         '{{rollup_' || trim(both '_' from regexp_replace(lower(hit[1]), '[^a-z0-9]+', '_', 'g'))
                             || '}}');
        end loop;
    end if;
    return t;
end;
$fn$;

-- mail: templates (the defaults the application created, and every admin's own)
update mail_template
set subject = merge_syntax_convert(subject),
    body    = merge_syntax_convert(body)
where subject <> merge_syntax_convert(subject) or body <> merge_syntax_convert(body);
