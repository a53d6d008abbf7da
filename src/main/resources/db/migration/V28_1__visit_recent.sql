-- tracking: the console's install check reads the last 30 days of visit beacons per sales-site origin; without
-- this index that is a scan of every visit ever stored. Nothing is written per visit beyond the row t.js already
-- causes (one more index entry in the same COPY).
create index visit_time_idx on visit (visited_at);
