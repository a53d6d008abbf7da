-- rollups: a contest is a Spring Data JDBC aggregate; version = optimistic locking between two admins editing it.
alter table contest add column version bigint not null default 0;
