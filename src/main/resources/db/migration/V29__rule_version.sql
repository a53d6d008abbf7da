-- automation: a rule is a Spring Data JDBC aggregate (with its actions); version = optimistic locking between two
-- admins editing the same rule.
alter table automation_rule add column version bigint not null default 0;
