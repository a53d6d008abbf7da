-- The click table takes one row per redirect, so its index upkeep is the redirect's largest database cost
-- (docs/benchmarks.md). The token is only ever looked up by equality and is unique by construction (128 random bits
-- and a MAC; the writer's COPY is atomic, so a retry cannot store a click twice): a hash index replaces the unique
-- b-tree on the 76-character key, about 30 % of a row's insert cost. Rows arrive in time order, so a BRIN index
-- serves the clicks report's time ranges over all partners at a fraction of a b-tree's upkeep.
drop index click_token_key;
create index click_token_idx on click using hash (token);
drop index click_time_idx;
create index click_time_brin on click using brin (clicked_at);
