-- Non-transactional e-mail (notices, announcements): each carries a category; the partner may turn a category off
-- (partner center or the one-click unsubscribe link, RFC 8058). Transactional mail (password reset, invitation,
-- e-mail confirmation) has no category and is always sent.
alter table mail_message add column category varchar(40);
alter table mail_message add column unsubscribe_url varchar(500);

-- A missing row means "subscribed" (the default); a row records the partner's choice.
create table mail_preference (
    partner_id  bigint       not null, -- no foreign key: mail does not know the partners table
    category    varchar(40)  not null,
    subscribed  boolean      not null,
    updated_at  timestamptz  not null,
    primary key (partner_id, category)
);

-- The key unsubscribe links are signed with (HMAC-SHA256), created once at start-up.
create table mail_secret (
    id      integer primary key check (id = 1),
    secret  bytea   not null
);
