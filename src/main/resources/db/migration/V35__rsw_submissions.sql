-- The regional health network publisher (decision 024): one submission per study, which is also the
-- job the worker claims with SELECT ... FOR UPDATE SKIP LOCKED and holds under a lease while it
-- sends. A job left in SENDING whose lease ran out (the application stopped mid-send) is claimed
-- again and sent with the same document id, so the network can recognise it.
create schema rsw;

create table rsw.submission (
    study_id         uuid        primary key,
    department_id    uuid        not null,
    state            text        not null check (state in ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
    document_id      uuid        not null,
    replaces_id      uuid,
    attempts         integer     not null default 0,
    queued_at        timestamptz not null,
    next_attempt_at  timestamptz not null,
    last_attempt_at  timestamptz,
    last_error       text,
    lease_token      uuid,
    lease_until      timestamptz,
    sent_at          timestamptz,
    requested_by     text        not null
);

create index submission_due on rsw.submission (next_attempt_at) where state in ('QUEUED', 'SENDING');
create index submission_department on rsw.submission (department_id, state);
