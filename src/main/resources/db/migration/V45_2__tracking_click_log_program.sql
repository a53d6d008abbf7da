-- click_log also offers the click's program and whether it was a duplicate, so the console dashboard counts
-- clicks exactly as the clicks report does (program_id, not duplicate) and uses click_program_time_idx.
create or replace view click_log as
select partner_id, token, clicked_at, bot, promo_tool_id, sub_id, program_id, duplicate
from click;
