-- The addresses a login signed in from (the newest 20 per login), so the fraud hold can tell a partner buying through
-- his own link from his own machine (issue 19, "buyer's e-mail or IP matches the partner's own").
create table account_address (
    account_id  bigint      not null references user_account (id) on delete cascade,
    ip          inet        not null,
    first_seen  timestamptz not null,
    last_seen   timestamptz not null,
    primary key (account_id, ip)
);

-- accounts publishes (docs/architecture.md, "Table ownership"):
-- partner_login_address: the addresses a partner login signed in from, by contact.
create view partner_login_address as
select a.contact_id, x.ip, x.last_seen
from user_account a
join account_address x on x.account_id = a.id
where a.role = 'PARTNER';
