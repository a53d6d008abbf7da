-- partnercenter: a page is a Spring Data JDBC aggregate (with its blocks); version = optimistic locking between two
-- admins editing the same page.
alter table pc_page add column version bigint not null default 0;
