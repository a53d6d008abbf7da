-- Login and account security (issue 14).

-- Keys the application makes for itself and shares between instances: the HMAC key of the device cookies
-- (accounts.security.DeviceCookies) is made at its first use. Deleting a row makes the app generate a new key
-- (for the device cookies: every browser has to log in once more before it counts as known again).
create table server_secret (
    name        varchar(50)  primary key,
    secret      bytea        not null,
    created_at  timestamptz  not null default now()
);

-- Sessions are found by their user name to end them when the password changes; an e-mail may have 254 characters.
alter table spring_session alter column principal_name type varchar(254);
