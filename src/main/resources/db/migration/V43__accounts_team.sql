-- Team (issue 18): console users have one of four roles, a display name and a last login; the admins that exist
-- become owners (there was one admin, set at start-up: he is the owner now).
alter table user_account drop constraint user_account_role;
update user_account set role = 'OWNER' where role = 'ADMIN';
alter table user_account add constraint user_account_role
    check (role in ('OWNER', 'ADMIN', 'FINANCE', 'VIEWER', 'PARTNER'));
alter table user_account add column name varchar(200);
alter table user_account add column last_login_at timestamptz;
-- the users page lists console users only
create index user_account_team_idx on user_account (lower(email)) where role <> 'PARTNER';

-- accounts publishes (docs/architecture.md, "Table ownership"):
-- team_member: who a console user is (e-mail, name, role), for the audit log's "who" column.
create view team_member as
select email, name, role
from user_account
where role <> 'PARTNER';
