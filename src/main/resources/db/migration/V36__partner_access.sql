-- accounts publishes (docs/architecture.md, "Table ownership"):
-- partner_access: a partner login's access state inputs, for the partner list's "Access" column and filter
-- (active = a password is set; otherwise invited until the newest unused invitation link expires).
create view partner_access as
select u.contact_id,
       u.email,
       u.password_hash is not null as active,
       (select max(t.expires_at) from account_token t
        where t.account_id = u.id and t.purpose = 'invite' and t.used_at is null) as invite_expires_at
from user_account u
where u.role = 'PARTNER';

-- Login e-mail change: the confirmation link goes to the new address, which the token keeps until it is used.
alter table account_token add column new_email varchar(254);
alter table account_token drop constraint account_token_purpose;
alter table account_token add constraint account_token_purpose
    check (purpose in ('verify', 'invite', 'reset', 'email'));
