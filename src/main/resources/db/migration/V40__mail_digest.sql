-- Issue 17: a partner may take a category as one e-mail a day (a digest) instead of each e-mail. A row means "digest";
-- no row means each one (the default). Only new-commission notices offer it so far.
create table mail_digest (
    partner_id  bigint       not null, -- no foreign key: mail does not know the partners table
    category    varchar(40)  not null,
    updated_at  timestamptz  not null,
    primary key (partner_id, category)
);
