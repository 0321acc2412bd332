-- Codes by e-mail or SMS as a second factor (docs/decisions/065-two-factor-policy-and-codes.md): the
-- user's second factor is an authenticator app (TOTP) or codes sent to his e-mail or mobile; a code
-- is kept only as a keyed hash, one per user (a new one replaces the old), for five minutes, and
-- deleted when used.
alter table directory.two_factor add column method text not null default 'TOTP'
    check (method in ('TOTP', 'EMAIL', 'SMS'));
alter table directory.two_factor alter column totp_cipher drop not null;
alter table directory.two_factor alter column key_id drop not null;
alter table directory.two_factor add constraint two_factor_totp_secret
    check (method <> 'TOTP' or (totp_cipher is not null and key_id is not null));

create table directory.sign_in_code (
    user_id    uuid        primary key references directory.user_account (id) on delete cascade,
    code_hash  bytea       not null,
    expires_at timestamptz not null
);
