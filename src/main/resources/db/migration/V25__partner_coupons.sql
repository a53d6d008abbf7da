-- Partner coupons: a discount code a partner hands out; an order that carries an active one credits that partner,
-- whatever cookie or referral info the buyer has. Codes are unique case-insensitively and never deleted or given to
-- another partner: a disabled coupon keeps its code (it may still be printed on someone's flyer).
create table partner_coupon (
    id                        bigint generated always as identity primary key,
    code                      varchar(64)  not null,
    partner_id                bigint       not null references partner (id),
    status                    varchar(10)  not null default 'active',
    -- The Stripe promotion code (promo_...) the same code is known by in Stripe, when a webhook names only its id.
    stripe_promotion_code_id  varchar(100),
    created_at                timestamptz  not null default now(),
    disabled_at               timestamptz,
    constraint partner_coupon_status check (status in ('active', 'disabled')),
    constraint partner_coupon_code_format check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    constraint partner_coupon_disabled check ((status = 'disabled') = (disabled_at is not null))
);
create unique index partner_coupon_code_key on partner_coupon (lower(code));
create unique index partner_coupon_stripe_key on partner_coupon (stripe_promotion_code_id);
create index partner_coupon_partner_idx on partner_coupon (partner_id);

-- The coupon that decided an order's attribution (its recurring charges credit the same way); credit_rule is null then.
alter table customer_order add column coupon_code varchar(64);
