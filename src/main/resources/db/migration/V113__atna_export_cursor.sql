-- The ATNA export's cursor (docs/decisions/059-atna-audit-export.md): per export, the last link of
-- the access log's chain (audit.link.seq) the repository accepted, advanced after each accepted
-- batch, and the last failure for the service desk's page. Not part of the access log: the
-- application may update it.
create schema atna;

create table atna.export_cursor (
    name             text        primary key,
    last_seq         bigint      not null default 0 check (last_seq >= 0),
    sent             bigint      not null default 0,
    archived_skipped bigint      not null default 0,
    last_sent_at     timestamptz,
    last_error       text,
    last_error_at    timestamptz,
    failures         integer     not null default 0
);
