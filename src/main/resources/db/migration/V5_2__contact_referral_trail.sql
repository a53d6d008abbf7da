-- The attribution trail: the raw referral (click token or partner code) that set the first and the last referrer.
-- Null when a referrer was set by hand in the console (or before this column existed).
alter table contact
    add column first_referral varchar(200),
    add column last_referral  varchar(200);
