-- The token buckets of the patient-login throttle (Bucket4j's PostgreSQL backend, select-for-update
-- strategy): one row per client address and one global row, so that every instance counts alike.
create table refcode.login_throttle (
    id          text   primary key,
    state       bytea,
    expires_at  bigint
);
