-- Double opt-in on /join: the public form only stores a pending opt-in and mails a confirmation link; the opt-in (the
-- contact, his referral, the opt-in event, a lead reward) happens when the address confirms. Only the SHA-256 of the
-- token is stored; confirmed_at makes it single-use.
create table opt_in_request (
    id bigserial primary key,
    token_hash varchar(64) not null,
    email varchar(254) not null,
    first_name varchar(100) not null,
    last_name varchar(100) not null,
    referral varchar(200),
    program_id bigint,
    requested_at timestamptz not null,
    expires_at timestamptz not null,
    confirmed_at timestamptz
);
create unique index opt_in_request_token on opt_in_request (token_hash);
create index opt_in_request_expires on opt_in_request (expires_at);
