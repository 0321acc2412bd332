-- The RIS interface (docs/guide/ris-interface.md, decision 050): every HL7 v2 message received,
-- kept encrypted with its outcome, and the orders it carried.
create schema ris;

create table ris.message (
    id                uuid primary key,
    -- MSH-4 and MSH-10: a message is applied once per sending facility and control id
    sending_facility  text,
    control_id        text,
    message_type      text,
    department_id     uuid,
    received_at       timestamptz not null,
    raw_cipher        bytea       not null,
    raw_key_id        text        not null,
    outcome           text        not null check (outcome in ('APPLIED', 'ERROR', 'REJECTED')),
    reason            text,
    applied_at        timestamptz,
    attempts          integer     not null default 1,
    duplicates        integer     not null default 0
);
create unique index message_control on ris.message (sending_facility, control_id) where control_id is not null;
create index message_newest on ris.message (received_at desc, id desc);

-- An order as the RIS placed it (IHE SWF RAD-4/RAD-13); the accession number joins it to its
-- study in the registry.
create table ris.ris_order (
    id                 uuid primary key,
    department_id      uuid        not null,
    accession_number   text        not null,
    placer_number      text,
    study_instance_uid text,
    cancelled          boolean     not null default false,
    payment_required   boolean     not null default false,
    updated_at         timestamptz not null,
    unique (department_id, accession_number)
);
create index ris_order_placer on ris.ris_order (department_id, placer_number);
