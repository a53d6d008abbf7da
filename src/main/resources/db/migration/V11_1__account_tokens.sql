-- Sign-up e-mail verification: a self-registered partner logs in only after clicking the link.
alter table user_account add column email_verified boolean not null default true;

-- Single-use links sent by e-mail (verification, invitation, password reset); only a SHA-256 of the token is stored.
create table account_token (
    id          bigint generated always as identity primary key,
    account_id  bigint       not null references user_account (id) on delete cascade,
    purpose     varchar(10)  not null,
    token_hash  varchar(64)  not null unique,
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    created_at  timestamptz  not null default now(),
    constraint account_token_purpose check (purpose in ('verify', 'invite', 'reset'))
);
create index account_token_account on account_token (account_id);

-- Program setting: partners signing up through the public form are approved at once (else pending).
alter table program add column auto_approve_partners boolean not null default false;
