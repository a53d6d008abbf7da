-- Commissions imported from another affiliate system (console /admin/import, kind "commissions").
-- Each imported commission stands on a synthetic completed order "imported:<external id>" with one line, so every
-- commission query, payouts and refunds keep relying on commission.order_id / order_item_id being NOT NULL.
-- external_id (the other system's commission id) makes re-importing a file a no-op: unique, null for our own.
alter table commission add column external_id varchar(100);
create unique index commission_external_id_key on commission (external_id) where external_id is not null;
-- A file without a sku books its lines on the product 'imported-commission' (price 0), which the programs module
-- creates on first use (ProgramApi.ensureProduct), so fresh installs do not list it.

alter table import_job drop constraint import_job_kind;
alter table import_job add constraint import_job_kind check (kind in ('contacts', 'partners', 'commissions'));
