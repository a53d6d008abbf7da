-- A payout (PayPal) e-mail that starts with = + - @ is refused at every input (issue 14): a spreadsheet runs such a
-- cell as a formula, so the PayPal file could only carry it changed ('=1@x.io), i.e. pay another address. One saved
-- before this rule is cleared: the partner is listed as blocked without a payout e-mail until he enters another, and
-- the database keeps the rule from now on.
update partner set payout_email = null where payout_email ~ '^\s*[-=+@]';

alter table partner add constraint partner_payout_email_not_a_formula
    check (payout_email is null or payout_email !~ '^\s*[-=+@]');
