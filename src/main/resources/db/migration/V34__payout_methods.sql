-- payouts: how each partner wants to be paid, his tax details, and what a payout item pays with.
-- Bank details and tax ids are encrypted in the application (AES-GCM, key partnerhub.payouts.encryption-key); the
-- *_enc columns hold version byte + 12-byte nonce + ciphertext + tag, never the plain text. The *_mask columns hold
-- what every page shows (e.g. "DE89 **** **** **** **30 00").

-- A partner without a row is paid by PayPal to partner.payout_email (as before V34). 'paypal' keeps using that column.
create table payout_method (
    partner_id          bigint        primary key references partner (id),
    method              varchar(10)   not null,
    account_holder      varchar(140),
    iban_enc            bytea,
    iban_mask           varchar(60),
    bic_enc             bytea,
    bic_mask            varchar(20),
    -- free text for countries without IBAN (account number, routing/sort code, bank name …)
    local_details_enc   bytea,
    instructions        varchar(1000),
    updated_at          timestamptz   not null,
    updated_by          varchar(254)  not null,
    constraint payout_method_kind check (method in ('paypal', 'bank', 'other')),
    constraint payout_method_bank check (method <> 'bank'
        or (account_holder is not null and (iban_enc is not null or local_details_enc is not null))),
    constraint payout_method_other check (method <> 'other' or instructions is not null)
);

-- W-9 / W-8BEN style declaration, signed by typing one's name and ticking the box (date stored).
create table payout_tax_details (
    partner_id     bigint        primary key references partner (id),
    legal_name     varchar(200)  not null,
    country        char(2)       not null,
    tax_id_enc     bytea         not null,
    tax_id_mask    varchar(40)   not null,
    entity_type    varchar(10)   not null,
    us_person      boolean       not null,
    declared       boolean       not null,
    signed_name    varchar(200)  not null,
    signed_on      date          not null,
    updated_at     timestamptz   not null,
    constraint payout_tax_entity check (entity_type in ('business', 'individual')),
    constraint payout_tax_country check (country ~ '^[A-Z]{2}$'),
    constraint payout_tax_declared check (declared)
);

-- An item is paid with the method its partner had when the batch was made (snapshot, still encrypted).
alter table payout_item
    add column method            varchar(10)  not null default 'paypal',
    add column account_holder    varchar(140),
    add column iban_enc          bytea,
    add column iban_mask         varchar(60),
    add column bic_enc           bytea,
    add column local_details_enc bytea,
    add column instructions      varchar(1000),
    -- what the admin noted when marking it paid (bank reference, transaction id)
    add column reference         varchar(140),
    alter column payout_email drop not null,
    add constraint payout_item_method check (method in ('paypal', 'bank', 'other')),
    add constraint payout_item_paypal_email check (method <> 'paypal' or payout_email is not null);

create index payout_item_paid_idx on payout_item (paid_at) where status = 'paid';
