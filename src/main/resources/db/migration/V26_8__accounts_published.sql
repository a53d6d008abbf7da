-- accounts publishes (docs/architecture.md, "Table ownership"):
-- partner_login: which contact a partner login belongs to (no password hash, no flags).
create view partner_login as
select email, contact_id
from user_account
where role = 'PARTNER';
