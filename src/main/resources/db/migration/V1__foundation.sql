-- Foundation schema: accounts, contacts, programs, products, partners, settings.
-- Rules live in the database as well as in code: unique e-mails (case-insensitive), unique partner codes,
-- one program per partner, statuses and rates checked.

create table contact (
    id                  bigint generated always as identity primary key,
    email               varchar(254) not null,
    first_name          varchar(100) not null default '',
    last_name           varchar(100) not null default '',
    date_added          timestamptz  not null default now(),
    first_referrer_id   bigint,
    first_referred_at   timestamptz,
    last_referrer_id    bigint,
    last_referred_at    timestamptz,
    custom_fields       jsonb        not null default '{}'::jsonb,
    version             bigint       not null default 0,
    constraint contact_email_not_blank check (btrim(email) <> ''),
    constraint contact_first_referral_dated check ((first_referrer_id is null) = (first_referred_at is null)),
    constraint contact_last_referral_dated check ((last_referrer_id is null) = (last_referred_at is null))
);
create unique index contact_email_key on contact (lower(email));
create index contact_date_added_idx on contact (date_added);
create index contact_name_idx on contact (lower(last_name), lower(first_name));

create table product (
    id          bigint generated always as identity primary key,
    sku         varchar(64)   not null,
    name        varchar(200)  not null,
    price       numeric(19,2) not null,
    currency    varchar(3)       not null,
    created_at  timestamptz   not null default now(),
    version     bigint        not null default 0,
    constraint product_price_not_negative check (price >= 0),
    constraint product_currency_format check (currency ~ '^[A-Z]{3}$'),
    constraint product_sku_format check (sku ~ '^[A-Za-z0-9._-]+$')
);
create unique index product_sku_key on product (lower(sku));

create table program (
    id                       bigint generated always as identity primary key,
    name                     varchar(120)  not null,
    landing_url              varchar(2000) not null,
    tiers                    integer       not null default 1,
    currency                 varchar(3)       not null,
    first_tier_rate_type     varchar(10)   not null,
    first_tier_rate_value    numeric(19,4) not null,
    second_tier_rate_type    varchar(10)   not null default 'percent',
    second_tier_rate_value   numeric(19,4) not null default 0,
    cookie_days              integer       not null default 30,
    approval_delay_days      integer,
    minimum_payout           numeric(19,2) not null default 0,
    recurring_commissions    boolean       not null default true,
    recurring_months         integer,
    next_level_program_id    bigint references program (id) on delete set null,
    created_at               timestamptz   not null default now(),
    version                  bigint        not null default 0,
    constraint program_tiers check (tiers in (1, 2)),
    constraint program_currency_format check (currency ~ '^[A-Z]{3}$'),
    constraint program_landing_url_http check (landing_url ~* '^https?://'),
    constraint program_first_rate_type check (first_tier_rate_type in ('percent', 'flat')),
    constraint program_second_rate_type check (second_tier_rate_type in ('percent', 'flat')),
    constraint program_first_rate_value check (first_tier_rate_value >= 0
        and (first_tier_rate_type <> 'percent' or first_tier_rate_value <= 100)),
    constraint program_second_rate_value check (second_tier_rate_value >= 0
        and (second_tier_rate_type <> 'percent' or second_tier_rate_value <= 100)),
    constraint program_cookie_days check (cookie_days between 1 and 3650),
    constraint program_approval_delay check (approval_delay_days is null or approval_delay_days between 0 and 3650),
    constraint program_minimum_payout check (minimum_payout >= 0),
    constraint program_recurring_months check (recurring_months is null or recurring_months between 1 and 1200),
    constraint program_next_level_not_self check (next_level_program_id is null or next_level_program_id <> id)
);
create unique index program_name_key on program (lower(name));

-- Per-product overrides of a program's default rates; a null type means "use the program default" for that tier.
create table program_product_rate (
    program_id              bigint not null references program (id) on delete cascade,
    product_id              bigint not null references product (id) on delete cascade,
    first_tier_rate_type    varchar(10),
    first_tier_rate_value   numeric(19,4),
    second_tier_rate_type   varchar(10),
    second_tier_rate_value  numeric(19,4),
    primary key (program_id, product_id),
    constraint ppr_first_rate check ((first_tier_rate_type is null and first_tier_rate_value is null)
        or (first_tier_rate_type in ('percent', 'flat') and first_tier_rate_value >= 0
            and (first_tier_rate_type <> 'percent' or first_tier_rate_value <= 100))),
    constraint ppr_second_rate check ((second_tier_rate_type is null and second_tier_rate_value is null)
        or (second_tier_rate_type in ('percent', 'flat') and second_tier_rate_value >= 0
            and (second_tier_rate_type <> 'percent' or second_tier_rate_value <= 100)))
);

-- A partner is a contact enrolled in exactly one program: one row per contact.
create table partner (
    id            bigint generated always as identity primary key,
    contact_id    bigint       not null references contact (id) on delete cascade,
    program_id    bigint       not null references program (id),
    code          varchar(40)  not null,
    status        varchar(12)  not null default 'approved',
    parent_id     bigint       references partner (id) on delete set null,
    payout_email  varchar(254),
    created_at    timestamptz  not null default now(),
    approved_at   timestamptz,
    version       bigint       not null default 0,
    constraint partner_one_program_per_contact unique (contact_id),
    constraint partner_status check (status in ('pending', 'approved', 'suspended')),
    constraint partner_code_format check (code ~ '^[A-Za-z0-9_-]{3,40}$'),
    constraint partner_parent_not_self check (parent_id is null or parent_id <> id)
);
create unique index partner_code_key on partner (lower(code));
create index partner_program_idx on partner (program_id);
create index partner_parent_idx on partner (parent_id);

alter table contact
    add constraint contact_first_referrer_fk foreign key (first_referrer_id) references partner (id) on delete set null,
    add constraint contact_last_referrer_fk foreign key (last_referrer_id) references partner (id) on delete set null;
create index contact_first_referrer_idx on contact (first_referrer_id);
create index contact_last_referrer_idx on contact (last_referrer_id);

-- Logins: admins, and partners (linked to their contact).
create table user_account (
    id             bigint generated always as identity primary key,
    email          varchar(254) not null,
    password_hash  varchar(255),
    role           varchar(10)  not null,
    contact_id     bigint       references contact (id) on delete cascade,
    enabled        boolean      not null default true,
    created_at     timestamptz  not null default now(),
    version        bigint       not null default 0,
    constraint user_account_role check (role in ('ADMIN', 'PARTNER')),
    constraint user_account_partner_has_contact check (role <> 'PARTNER' or contact_id is not null)
);
create unique index user_account_email_key on user_account (lower(email));

-- Server-to-server API keys. Only a SHA-256 of the key is stored; the prefix identifies it in the console.
create table api_key (
    id            bigint generated always as identity primary key,
    name          varchar(100) not null,
    prefix        varchar(16)  not null,
    token_hash    varchar(64)     not null unique,
    created_at    timestamptz  not null default now(),
    created_by    varchar(254),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

-- Global partner settings: a single row.
create table partner_settings (
    id                           smallint primary key default 1,
    credit                       varchar(5)    not null default 'last',
    default_currency             varchar(3)       not null default 'USD',
    default_first_tier_rate_type varchar(10)   not null default 'percent',
    default_first_tier_rate      numeric(19,4) not null default 20,
    default_second_tier_rate_type varchar(10)  not null default 'percent',
    default_second_tier_rate     numeric(19,4) not null default 5,
    default_cookie_days          integer       not null default 30,
    default_approval_delay_days  integer,
    default_minimum_payout       numeric(19,2) not null default 50,
    payout_schedule              varchar(10)   not null default 'monthly',
    payout_day                   integer       not null default 15,
    version                      bigint        not null default 0,
    constraint partner_settings_single_row check (id = 1),
    constraint partner_settings_credit check (credit in ('first', 'last')),
    constraint partner_settings_currency check (default_currency ~ '^[A-Z]{3}$'),
    constraint partner_settings_first_type check (default_first_tier_rate_type in ('percent', 'flat')),
    constraint partner_settings_second_type check (default_second_tier_rate_type in ('percent', 'flat')),
    constraint partner_settings_rates check (default_first_tier_rate >= 0 and default_second_tier_rate >= 0
        and (default_first_tier_rate_type <> 'percent' or default_first_tier_rate <= 100)
        and (default_second_tier_rate_type <> 'percent' or default_second_tier_rate <= 100)),
    constraint partner_settings_cookie_days check (default_cookie_days between 1 and 3650),
    constraint partner_settings_delay check (default_approval_delay_days is null
        or default_approval_delay_days between 0 and 3650),
    constraint partner_settings_minimum check (default_minimum_payout >= 0),
    constraint partner_settings_schedule check (payout_schedule in ('weekly', 'monthly')),
    constraint partner_settings_payout_day check (payout_day between 1 and 28)
);
insert into partner_settings (id) values (1);
