-- The two-factor policy (docs/decisions/065-two-factor-policy-and-codes.md): a right password of a
-- user the policy covers who has no second factor yet is sent to enrolment, recorded as such.
alter table directory.login_attempt drop constraint login_attempt_outcome_check;
alter table directory.login_attempt add constraint login_attempt_outcome_check
    check (outcome in ('SUCCESS', 'BAD_CREDENTIALS', 'LOCKED', 'THROTTLED', 'SECOND_FACTOR_REQUIRED',
                       'BAD_SECOND_FACTOR', 'PASSWORD_OFF', 'UNKNOWN_USER', 'ENROLMENT_REQUIRED'));
