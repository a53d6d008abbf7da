-- branding: the company's look, one row (id 1). Images are stored only as the PNG the server re-encoded.
create table brand_settings (
    id             smallint     primary key default 1 check (id = 1),
    company_name   varchar(120) not null default '',
    primary_color  varchar(7),
    support_email  varchar(254),
    terms_url      varchar(2000),
    terms_text     text,
    center_title   varchar(120),
    center_footer  varchar(1000),
    logo_png       bytea,
    logo_width     int,
    logo_height    int,
    favicon_png    bytea,
    version        bigint       not null default 0,
    updated_at     timestamptz  not null default now()
);
insert into brand_settings (id) values (1);
