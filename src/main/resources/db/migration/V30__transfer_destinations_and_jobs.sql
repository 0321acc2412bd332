-- Forward and download (SPEC §2 Transfer, §5, decisions 022 and 023): the PACS destinations a
-- department offers or a user keeps for himself, and every transfer as a job row that a worker claims
-- with FOR UPDATE SKIP LOCKED and holds by a lease it renews while it works.
create schema transfer;

create table transfer.destination (
    id             uuid primary key,
    -- exactly one owner: a department's destination, or a user's own
    department_id  uuid,
    user_id        uuid,
    name           text        not null,
    kind           text        not null check (kind in ('DIMSE', 'STOW_RS')),
    ae_title       text,
    host           text,
    port           integer     check (port between 1 and 65535),
    url            text,
    created_at     timestamptz not null,
    removed_at     timestamptz,
    check ((department_id is null) <> (user_id is null)),
    check (kind <> 'DIMSE' or (ae_title is not null and host is not null and port is not null)),
    check (kind <> 'STOW_RS' or url is not null)
);
create index destination_department on transfer.destination (department_id) where removed_at is null;
create index destination_user on transfer.destination (user_id) where removed_at is null;

create table transfer.job (
    id                 uuid primary key,
    study_id           uuid        not null,
    department_id      uuid        not null,
    user_id            uuid,
    -- denormalised like the access log: the Access tab shows who it was then
    user_name          text        not null,
    kind               text        not null check (kind in ('FORWARD', 'DOWNLOAD')),
    destination_id     uuid references transfer.destination (id),
    -- what was asked: the destination as it was (name, AE title@host:port or URL), or the format
    target             text        not null,
    state              text        not null check (state in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    instances_done     integer     not null default 0,
    instances_total    integer,
    attempts           integer     not null default 0,
    error              text,
    requested_at       timestamptz not null,
    started_at         timestamptz,
    finished_at        timestamptz,
    next_attempt_at    timestamptz,
    -- a RUNNING job whose lease ran out lost its worker (the application stopped): it is taken again
    lease_until        timestamptz,
    cancel_requested   boolean     not null default false,
    check (state not in ('DONE', 'FAILED') or finished_at is not null)
);
create index job_study on transfer.job (study_id, requested_at desc);
create index job_due on transfer.job (next_attempt_at) where state = 'QUEUED';
create index job_leased on transfer.job (lease_until) where state = 'RUNNING';
