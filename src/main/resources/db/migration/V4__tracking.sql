-- Tracking: promo tools (links, banners, e-mail swipes, lightboxes), clicks, visits and the click-token secret.

create table promo_tool (
    id                  bigint generated always as identity primary key,
    program_id          bigint        not null references program (id) on delete cascade,
    kind                varchar(10)   not null,
    name                varchar(120)  not null,
    landing_url         varchar(2000),
    alt_text            varchar(300),
    width               integer,
    height              integer,
    image_content_type  varchar(20),
    image_size          integer,
    email_subject       varchar(200),
    email_body          text,
    lightbox_html       text,
    created_at          timestamptz   not null default now(),
    updated_at          timestamptz   not null default now(),
    version             bigint        not null default 0,
    constraint promo_tool_kind check (kind in ('link', 'banner', 'email', 'lightbox')),
    constraint promo_tool_name_not_blank check (btrim(name) <> ''),
    constraint promo_tool_landing_url_http check (landing_url is null or landing_url ~* '^https?://'),
    constraint promo_tool_size check ((width is null or width between 1 and 10000)
        and (height is null or height between 1 and 10000))
);
create index promo_tool_program_idx on promo_tool (program_id, lower(name));

-- Banner images live apart from the tool row so lists never load the bytes.
create table promo_banner_image (
    promo_tool_id  bigint      primary key references promo_tool (id) on delete cascade,
    content_type   varchar(20) not null,
    data           bytea       not null,
    constraint promo_banner_image_type check (content_type in ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
    constraint promo_banner_image_size check (octet_length(data) between 1 and 1048576)
);

-- Clicks are written in batches by a background writer. No foreign keys on purpose: a batch must not fail because
-- a partner or tool was deleted between the click and the flush; reports join what still exists.
create table click (
    id             bigint generated always as identity primary key,
    token          varchar(120)  not null,
    partner_id     bigint        not null,
    program_id     bigint        not null,
    promo_tool_id  bigint,
    sub_id         varchar(100),
    clicked_at     timestamptz   not null,
    duplicate      boolean       not null default false,
    bot            boolean       not null default false,
    landing_url    varchar(2000) not null
);
create unique index click_token_key on click (token);
create index click_partner_time_idx on click (partner_id, clicked_at);
create index click_tool_idx on click (promo_tool_id) where promo_tool_id is not null;

-- Visit beacons from /t.js on sales pages.
create table visit (
    id          bigint generated always as identity primary key,
    token       varchar(120)  not null,
    partner_id  bigint        not null,
    page_url    varchar(2000) not null,
    visited_at  timestamptz   not null
);
create index visit_partner_time_idx on visit (partner_id, visited_at);

-- The HMAC key of click tokens, created on first start (see ClickTokens); one row.
create table tracking_secret (
    id      smallint primary key default 1,
    secret  bytea    not null,
    constraint tracking_secret_single_row check (id = 1),
    constraint tracking_secret_length check (octet_length(secret) >= 32)
);
