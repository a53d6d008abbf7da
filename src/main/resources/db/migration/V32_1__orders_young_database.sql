-- Plans that hold on a young database (issue 21, see V32). The order-item trigger looks the new items' orders up by
-- primary key; PL/pgSQL caches its plan per session, so a plan made while customer_order was tiny (a full scan) would
-- stay while the table grows.
alter function order_item_publish_rollup_changes() set enable_seqscan = off;

alter table customer_order set (autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
alter table order_item set (autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
