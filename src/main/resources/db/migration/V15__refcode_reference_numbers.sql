-- Reference numbers (SPEC §2, §5, §6): the code of one or more studies a patient signs in with. The
-- code is never stored in clear: AES-GCM ciphertext (with the id of the key that made it, for
-- rotation) to show it to source admins, and an HMAC-SHA256 of it to find it at login.
create schema refcode;

create table refcode.reference_number (
    id                  uuid primary key,
    department_id       uuid        not null,
    lookup_hash         bytea       not null unique,
    code_cipher         bytea       not null,
    key_id              text        not null,
    origin              text        not null check (origin in ('GENERATED', 'RIS')),
    -- the order a code made per order covers (its later studies join it), null otherwise
    order_id            uuid,
    -- the patient's birth date, copied from the study when the code was made: the login compares it
    -- without visiting the study registry, so known and unknown codes cost the same
    patient_birth_date  date        not null,
    generated_at        timestamptz not null,
    generated_by        text        not null,
    valid_from          timestamptz,
    valid_to            timestamptz,
    state               text        not null default 'ACTIVE'
                        check (state in ('ACTIVE', 'WITHDRAWN', 'SUPERSEDED', 'BLOCKED')),
    state_changed_at    timestamptz,
    state_changed_by    text,
    failed_logins       integer     not null default 0,
    failed_otps         integer     not null default 0,
    pincode_cipher      bytea,
    pincode_key_id      text,
    failed_pincodes     integer     not null default 0
);
create index reference_number_department on refcode.reference_number (department_id);
create index reference_number_order on refcode.reference_number (order_id) where order_id is not null;

create table refcode.reference_number_study (
    reference_number_id  uuid not null references refcode.reference_number (id) on delete cascade,
    study_id             uuid not null,
    primary key (reference_number_id, study_id)
);
create index reference_number_study_study on refcode.reference_number_study (study_id);

-- The one-time password of a code's second step: only the newest works (one row per code), only its
-- hash is kept.
create table refcode.otp (
    reference_number_id  uuid primary key references refcode.reference_number (id) on delete cascade,
    hash                 bytea       not null,
    created_at           timestamptz not null,
    expires_at           timestamptz not null
);

-- Payments made through the payment provider before a pincode is sent.
create table refcode.payment (
    id                   uuid primary key,
    reference_number_id  uuid        not null references refcode.reference_number (id) on delete cascade,
    provider_reference   text        not null,
    amount_cents         integer     not null,
    paid_at              timestamptz not null
);
