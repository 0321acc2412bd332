-- Buckets (SPEC §2, §5; decision 020): a code-based way in over several studies of one department,
-- made by printing a reference number or by sharing with a person without an account. The code
-- itself is a reference number (refcode.reference_number, marked as a bucket code), so the patient
-- login, its throttle, blocking and second step serve both; this schema holds what the bucket adds.
alter table refcode.reference_number add column bucket boolean not null default false;

create schema bucket;

create table bucket.bucket (
    id                uuid primary key,
    department_id     uuid        not null,
    code_id           uuid        not null unique references refcode.reference_number (id),
    kind              text        not null check (kind in ('PRINTED', 'SHARED')),
    label             text,
    reason            text        not null,
    verification      text        not null check (verification in ('DOB_ONLY', 'OTP_SMS', 'OTP_EMAIL', 'PAYMENT_PINCODE')),
    scope             text        not null check (scope in ('IMAGES', 'IMAGES_REPORT_READ')),
    language          text        not null,
    valid_from        timestamptz,
    valid_until       timestamptz,
    patient_agreed    boolean     not null,
    -- a share's recipient: where the code and each one-time password go (one of the two)
    recipient_email   text,
    recipient_mobile  text,
    created_at        timestamptz not null,
    created_by        text        not null,
    created_by_id     uuid,
    state             text        not null default 'ACTIVE' check (state in ('ACTIVE', 'REVOKED', 'DELETED')),
    state_changed_at  timestamptz,
    state_changed_by  text
);
create index bucket_department on bucket.bucket (department_id);

create table bucket.bucket_study (
    bucket_id  uuid not null references bucket.bucket (id) on delete cascade,
    study_id   uuid not null,
    primary key (bucket_id, study_id)
);
create index bucket_study_study on bucket.bucket_study (study_id);
