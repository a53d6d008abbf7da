-- Issue 20: promo tools' {{partner.link}}, {{partner.code}}, {{partner.firstName}}, {{partner.lastName}} become the
-- names every other text uses (V42__merge_syntax.sql).
update promo_tool
set email_subject = merge_syntax_convert(email_subject, t.renames),
    email_body    = merge_syntax_convert(email_body, t.renames),
    lightbox_html = merge_syntax_convert(lightbox_html, t.renames)
from (select '{"partner.link": "referralLink", "partner.code": "code", "partner.firstName": "firstName",
                "partner.lastName": "lastName"}'::jsonb as renames) t
where email_subject is distinct from merge_syntax_convert(email_subject, t.renames)
   or email_body is distinct from merge_syntax_convert(email_body, t.renames)
   or lightbox_html is distinct from merge_syntax_convert(lightbox_html, t.renames);
