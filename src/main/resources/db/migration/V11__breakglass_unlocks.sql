-- Break-the-glass (SPEC §2 Unlock, decision 012): emergency unlocks of a study by a staff user without
-- access, and the proofs that a user knew a patient's ID and birth date (the only way to an unlock).
create schema breakglass;

create table breakglass.unlock (
    id                  uuid primary key,
    study_id            uuid        not null,
    department_id       uuid        not null,
    user_id             uuid        not null,
    -- denormalised, like the access log: the Access tab and the review list show who it was then
    user_name           text        not null,
    purpose             text        not null,
    reason              text        not null,
    unlocked_at         timestamptz not null,
    expires_at          timestamptz not null,
    revoked_at          timestamptz,
    revoked_by          uuid,
    revoked_by_name     text,
    revoke_comment      text,
    -- when the expiry was recorded in the access log (once per unlock; the sweep's idempotence)
    expiry_recorded_at  timestamptz,
    reviewed_at         timestamptz,
    reviewed_by         uuid,
    reviewed_by_name    text,
    verdict             text check (verdict in ('JUSTIFIED', 'MISUSE')),
    review_comment      text,
    check (expires_at > unlocked_at),
    check ((reviewed_at is null) = (verdict is null))
);
-- the access path: a user's unlocks still in force
create index unlock_user_live on breakglass.unlock (user_id, expires_at) where revoked_at is null;
create index unlock_study on breakglass.unlock (study_id, unlocked_at desc);
create index unlock_department on breakglass.unlock (department_id, unlocked_at desc);
create index unlock_expiry_due on breakglass.unlock (expires_at) where expiry_recorded_at is null and revoked_at is null;

-- A user gave the exact patient ID and birth date of this study: he may unlock it (and is told that
-- he could) for a while after. One row per user and study, refreshed by every match.
create table breakglass.patient_match (
    user_id     uuid        not null,
    study_id    uuid        not null,
    matched_at  timestamptz not null,
    primary key (user_id, study_id)
);
