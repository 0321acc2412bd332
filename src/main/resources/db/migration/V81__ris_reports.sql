-- Reports from the RIS (ORU^R01) or the REST API (docs/guide/ris-interface.md, decision 051): every
-- version kept, the highest shown.
create table ris.report (
    id            uuid primary key,
    study_id      uuid        not null,
    version       integer     not null,
    status        text        not null check (status in ('PRELIMINARY', 'FINAL', 'CORRECTED', 'CANCELLED')),
    body          text,
    pdf           bytea,
    radiologist   text,
    reported_at   timestamptz not null,
    received_at   timestamptz not null,
    unique (study_id, version)
);
