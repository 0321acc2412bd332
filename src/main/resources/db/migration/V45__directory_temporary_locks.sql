-- Staff accounts are locked for a while after consecutive failed logins, never for good by a
-- stranger's guesses (decision 028): locked_until is the end of the latest automatic lock (kept after
-- it passed, to decide whether the next lock doubles), lock_level how many automatic locks followed
-- one another. status LOCKED now means only a deliberate lock by the service desk.
alter table directory.user_account
    add column locked_until timestamptz,
    add column lock_level   integer not null default 0;

-- Every LOCKED account so far was locked by five failures: it becomes a first temporary lock.
update directory.user_account
   set status = 'ACTIVE', failed_logins = 0, lock_level = 1, locked_until = now() + interval '15 minutes'
 where status = 'LOCKED';

alter table directory.login_attempt drop constraint login_attempt_channel_check;
alter table directory.login_attempt add constraint login_attempt_channel_check
    check (channel in ('FORM', 'API', 'PASSWORD_CHANGE'));
alter table directory.login_attempt drop constraint login_attempt_outcome_check;
alter table directory.login_attempt add constraint login_attempt_outcome_check
    check (outcome in ('SUCCESS', 'BAD_CREDENTIALS', 'LOCKED', 'THROTTLED'));

-- The token buckets of the staff-login throttle per client address (Bucket4j's PostgreSQL backend,
-- select-for-update strategy, as refcode.login_throttle), so that every instance counts alike.
create table directory.login_throttle (
    id          text   primary key,
    state       bytea,
    expires_at  bigint
);
