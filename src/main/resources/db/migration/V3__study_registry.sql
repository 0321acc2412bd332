-- Study registry: patients, orders and studies as sent by the departments' RIS and archives.
create schema study;

create table study.patient (
    id             uuid primary key,
    department_id  uuid not null,
    patient_id     text not null,
    national_id    text,
    name           text not null,
    birth_date     date not null,
    sex            text check (sex in ('M', 'F', 'O')),
    mobile         text,
    email          text,
    unique (department_id, patient_id)
);
create index patient_name on study.patient (lower(name) text_pattern_ops);
create index patient_patient_id on study.patient (patient_id);

create table study.study_order (
    id                          uuid primary key,
    department_id               uuid not null,
    order_number                text not null,
    patient_id                  uuid not null references study.patient (id),
    referring_physician_number  text,
    unique (department_id, order_number)
);

create table study.order_cc (
    order_id          uuid not null references study.study_order (id) on delete cascade,
    physician_number  text not null,
    primary key (order_id, physician_number)
);

create table study.study (
    id                   uuid primary key,
    study_instance_uid   text        not null unique,
    accession_number     text,
    department_id        uuid        not null,
    patient_id           uuid        not null references study.patient (id),
    -- the patient's name in lower case, copied from the patient: the explore list filters on it
    -- without visiting the patient row of every candidate study
    patient_name_key     text        not null,
    order_id             uuid        references study.study_order (id),
    study_date           date        not null,
    -- the study's local date and time, the sort key of every list ("newest first")
    performed_at         timestamp   not null,
    modality             text        not null,
    description          text,
    series_count         integer     not null default 0,
    instance_count       integer     not null default 0,
    report_status        text        not null default 'NONE' check (report_status in ('NONE', 'PRELIMINARY', 'FINAL')),
    report_available_at  timestamptz,
    payment_required     boolean     not null default false,
    payment_received     boolean     not null default false,
    cancelled            boolean     not null default false,
    archive_location     text,
    registered_at        timestamptz not null
);
create index study_newest on study.study (performed_at desc, id desc);
create index study_department_newest on study.study (department_id, performed_at desc, id desc);
create index study_accession on study.study (accession_number);
create index study_patient on study.study (patient_id);
create index study_patient_name on study.study (patient_name_key text_pattern_ops);

-- The physicians a study was requested by or copied to, derived from its order: the access path
-- "requester/CC" and the explore list read it (physician number first, for that lookup).
create table study.study_physician (
    physician_number  text not null,
    study_id          uuid not null references study.study (id) on delete cascade,
    role              text not null check (role in ('REQUESTER', 'CC')),
    primary key (physician_number, study_id, role)
);
create index study_physician_study on study.study_physician (study_id);
