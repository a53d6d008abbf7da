-- Partner-center pages built in the console from blocks (docs/partner-center.md, "The builder").
create table pc_page (
    id          bigserial primary key,
    title       varchar(200) not null,
    slug        varchar(80)  not null unique,
    nav_order   int          not null default 0,
    -- display condition: "Partner program equal to one of program_ids", or any program (not blank)
    any_program boolean      not null default false,
    program_ids bigint[]     not null default '{}',
    members_only boolean     not null default false,
    published   boolean      not null default false,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);
create index pc_page_nav on pc_page (nav_order, id) where published;

create table pc_block (
    id       bigserial primary key,
    page_id  bigint not null references pc_page (id) on delete cascade,
    position int    not null,
    type     varchar(20) not null check (type in ('text', 'stat', 'list', 'leaderboard', 'chart', 'promo_tools')),
    config   jsonb  not null default '{}'
);
create index pc_block_page on pc_block (page_id, position, id);
