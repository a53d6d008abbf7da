-- Plans that hold on a young database (issue 21, see V32): analyzed after every thousand or so changed rows.
alter table commission set (autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
