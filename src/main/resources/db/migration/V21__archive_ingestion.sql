-- The archive module: where ingestion stands in the archive's change feed, the studies it could not
-- match to a department, and the windows in which image retrievals were logged (decision 018).
create schema archive;

-- One row: the sequence number of the last change of the archive's feed that was processed.
create table archive.ingestion_cursor (
    id          smallint    primary key check (id = 1),
    last_change bigint      not null,
    updated_at  timestamptz not null
);
insert into archive.ingestion_cursor (id, last_change, updated_at) values (1, 0, now());

-- Studies found in the archive that no department's AE titles or institution names match (or that
-- lack what the registry needs); kept for the service desk, retried when the study changes again.
create table archive.unmatched_study (
    study_instance_uid text        primary key,
    archive_id         text        not null,
    remote_aet         text,
    institution_name   text,
    reason             text        not null,
    seen_at            timestamptz not null
);

-- One access log entry per actor, study and window of retrievals (not one per frame): the first
-- retrieval in a window inserts the row and is logged, the others find it.
create table archive.retrieval_window (
    actor_key    text        not null,
    study_id     uuid        not null,
    window_start timestamptz not null,
    primary key (actor_key, study_id, window_start)
);
