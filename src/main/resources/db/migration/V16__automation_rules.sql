-- Automation rules: trigger + condition (a rollups Filter over the partner's fields and rollups) + ordered actions.
create table automation_rule (
    id             bigint generated always as identity primary key,
    name           varchar(120) not null,
    enabled        boolean      not null default true,
    trigger_type   varchar(30)  not null,
    trigger_param  varchar(200),          -- rollup name (rollup_changed, optional), group id (group_added), hour (daily)
    filter         jsonb,                 -- null = always true
    repeat_mode    varchar(10)  not null default 'once', -- once: fires once ever per partner; every: once per crossing
    last_daily_on  date,                  -- the day the daily run last claimed this rule (multi-instance safe)
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    constraint automation_rule_repeat check (repeat_mode in ('once', 'every'))
);
create unique index automation_rule_name on automation_rule (lower(name));

create table automation_rule_action (
    id        bigint generated always as identity primary key,
    rule_id   bigint       not null references automation_rule (id) on delete cascade,
    position  integer      not null,
    type      varchar(30)  not null,
    param     varchar(200),
    constraint automation_rule_action_position unique (rule_id, position)
);

-- The condition's last evaluated value per (rule, partner): a fire is the conditional update false -> true.
create table rule_state (
    rule_id     bigint      not null references automation_rule (id) on delete cascade,
    partner_id  bigint      not null references partner (id) on delete cascade,
    matched     boolean     not null default false,
    crossings   integer     not null default 0,
    updated_at  timestamptz not null default now(),
    primary key (rule_id, partner_id)
);

create table rule_firing (
    rule_id      bigint      not null references automation_rule (id) on delete cascade,
    partner_id   bigint      not null references partner (id) on delete cascade,
    crossing_no  integer     not null,
    fired_at     timestamptz not null,
    primary key (rule_id, partner_id, crossing_no)
);

create table rule_run (
    id           bigint generated always as identity primary key,
    rule_id      bigint       not null references automation_rule (id) on delete cascade,
    partner_id   bigint,
    trigger_type varchar(30)  not null,
    at           timestamptz  not null,
    outcome      varchar(10)  not null,
    actions_done text,
    error        text,
    constraint rule_run_outcome check (outcome in ('ok', 'error', 'skipped'))
);
create index rule_run_rule_at on rule_run (rule_id, at desc, id desc);

-- Tags ("static lists") set by rule actions.
create table contact_tag (
    contact_id  bigint       not null references contact (id) on delete cascade,
    tag         varchar(60)  not null,
    tagged_at   timestamptz  not null default now(),
    primary key (contact_id, tag)
);
create index contact_tag_tag on contact_tag (tag);
