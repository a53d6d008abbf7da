-- Two-factor sign-in (TOTP) for admin users (issue 18). Owned by accounts.

-- One row per admin who started or finished enrolling. The TOTP secret is AES-GCM encrypted
-- (partnerhub.two-factor.encryption-key); enabled_at is null until a code from the app confirmed it.
-- last_used_step: the highest 30-second time step a code was accepted for; a code is accepted only for a
-- later step (one conditional update), so a code cannot be used twice. remember_key: random bytes that sign
-- the "remember this device" cookie; replaced when the password changes, gone when 2FA is turned off.
create table two_factor (
    user_id        bigint      primary key references user_account (id) on delete cascade,
    secret         bytea       not null,
    enabled_at     timestamptz,
    last_used_step bigint      not null default 0,
    remember_key   bytea       not null,
    created_at     timestamptz not null
);

-- Ten single-use recovery codes per enrolment, stored as SHA-256 (they are 80-bit random strings).
create table two_factor_recovery_code (
    user_id   bigint      not null references user_account (id) on delete cascade,
    code_hash bytea       not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- The owner's rule: every admin user must use two-factor sign-in. One row.
create table two_factor_policy (
    id                  boolean     primary key default true check (id),
    required_for_admins boolean     not null default false,
    changed_at          timestamptz,
    changed_by          varchar(254)
);
insert into two_factor_policy (id, required_for_admins) values (true, false);
