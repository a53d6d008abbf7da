-- groups: a group is a Spring Data JDBC aggregate; version = optimistic locking between two admins editing it.
alter table contact_group add column version bigint not null default 0;
