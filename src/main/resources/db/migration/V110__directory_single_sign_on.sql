-- OpenID Connect sign-in (docs/decisions/056-openid-connect-sign-in.md): the login history
-- names the identity provider of a single sign-on, and the outcome of a password refused
-- because local passwords are off for the user's kind.
alter table directory.login_attempt add column provider text;

alter table directory.login_attempt drop constraint login_attempt_channel_check;
alter table directory.login_attempt add constraint login_attempt_channel_check
    check (channel in ('FORM', 'API', 'PASSWORD_CHANGE', 'SSO'));

alter table directory.login_attempt drop constraint login_attempt_outcome_check;
alter table directory.login_attempt add constraint login_attempt_outcome_check
    check (outcome in ('SUCCESS', 'BAD_CREDENTIALS', 'LOCKED', 'THROTTLED', 'SECOND_FACTOR_REQUIRED',
                       'BAD_SECOND_FACTOR', 'PASSWORD_OFF', 'UNKNOWN_USER'));
