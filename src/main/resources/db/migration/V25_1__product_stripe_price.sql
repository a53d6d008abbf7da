-- The Stripe price (price_...) a product is sold as: Stripe webhooks name prices, not our SKUs.
alter table product add column stripe_price_id varchar(100);
create unique index product_stripe_price_key on product (stripe_price_id);
