-- The console dashboard sums commissions per status and currency over a date range (docs/benchmarks.md,
-- "Dashboard"): a covering index lets it read only the range's index entries instead of the table.
create index commission_dashboard_idx on commission (transaction_date)
    include (partner_id, status, currency, amount);
