-- One row per failed code login, written in the same statement that counts the failure against a
-- known code: a known and an unknown code then both commit one write, so neither answers faster
-- (decision 015). Also what the failure rate is read from; rows older than 30 days may be deleted.
create table refcode.login_failure (
    id  bigint generated always as identity primary key,
    at  timestamptz not null
);
