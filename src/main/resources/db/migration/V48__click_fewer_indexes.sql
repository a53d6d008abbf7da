-- Every index on click is written by every redirect (docs/benchmarks.md: PostgreSQL's share of a click). Two are
-- read by nothing that needs them:
-- * click_program_time_idx: the clicks report filters a time range first (click_time_brin, rows arrive in time
--   order) and the program among those rows; the partner center reads by partner (click_partner_time_idx);
-- * click_tool_idx: no query looks clicks up by promo tool alone (reports group the rows of a time range).
drop index if exists click_program_time_idx;
drop index if exists click_tool_idx;
