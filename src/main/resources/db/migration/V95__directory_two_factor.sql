-- Two-factor sign-in for local staff accounts (docs/decisions/057-two-factor-sign-in.md): the TOTP
-- secret encrypted under the master key (never in clear), the last time step used (a code is good
-- once), and the recovery codes as keyed hashes.
create table directory.two_factor (
    user_id     uuid        primary key references directory.user_account (id) on delete cascade,
    totp_cipher bytea       not null,
    key_id      text        not null,
    created_at  timestamptz not null,
    enabled_at  timestamptz,
    last_step   bigint      not null default -1
);

create table directory.recovery_code (
    user_id   uuid        not null references directory.user_account (id) on delete cascade,
    code_hash bytea       not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

alter table directory.login_attempt drop constraint login_attempt_outcome_check;
alter table directory.login_attempt add constraint login_attempt_outcome_check
    check (outcome in ('SUCCESS', 'BAD_CREDENTIALS', 'LOCKED', 'THROTTLED', 'SECOND_FACTOR_REQUIRED',
                       'BAD_SECOND_FACTOR'));

-- "Remember this browser for 30 days": the cookie carries an id, a random secret and a signature
-- bound to its user; only a keyed hash of the secret is kept, and deleting the row revokes it.
create table directory.remembered_browser (
    id          uuid        primary key,
    user_id     uuid        not null references directory.user_account (id) on delete cascade,
    secret_hash bytea       not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index remembered_browser_user on directory.remembered_browser (user_id);
