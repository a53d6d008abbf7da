-- The partner list's default order is newest first; keep it an index scan with many partners.
create index partner_created_at_idx on partner (created_at);
