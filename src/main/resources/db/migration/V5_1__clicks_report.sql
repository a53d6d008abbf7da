-- Clicks report: every query is a time range over all partners, optionally of one program. V4 only has
-- (partner_id, clicked_at), which serves one partner's clicks, not a range over all of them.
create index click_time_idx on click (clicked_at);
create index click_program_time_idx on click (program_id, clicked_at);
