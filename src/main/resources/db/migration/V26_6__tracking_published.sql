-- tracking publishes (docs/architecture.md, "Table ownership"):
-- click_log: who clicked when, through which tool and SubID (no landing URL, no duplicate flag);
-- promo_tool_catalog: the promo tools a program offers its partners (no image bytes).
create view click_log as
select partner_id, token, clicked_at, bot, promo_tool_id, sub_id
from click;

create view promo_tool_catalog as
select id, program_id, kind, name, landing_url, alt_text, width, height, image_content_type, email_subject,
       email_body, lightbox_html
from promo_tool;
