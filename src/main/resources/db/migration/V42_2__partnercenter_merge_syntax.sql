-- Issue 20: text blocks' {{trackedLink}}, {{program}} and {{rollup:Field name}} become the names every other text
-- uses: {{referralLink}}, {{programName}}, {{rollup_field_name}} (V42__merge_syntax.sql).
update pc_block
set config = jsonb_set(config, '{html}', to_jsonb(merge_syntax_convert(config ->> 'html', t.renames, true)))
from (select '{"trackedLink": "referralLink", "program": "programName"}'::jsonb as renames) t
where type = 'text'
  and config ? 'html'
  and config ->> 'html' <> merge_syntax_convert(config ->> 'html', t.renames, true);
