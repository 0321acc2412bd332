-- Access: explicit grants of a study to a user or a group (SPEC §2 Grant).
-- One row per (study, subject) that is not withdrawn: a repeated grant merges into it (widest
-- rights, latest expiry); a withdrawn row stays for the record and a later grant starts a new row.
create schema access;

create table access.study_grant (
    id              uuid primary key,
    study_id        uuid        not null references study.study (id) on delete cascade,
    subject_type    text        not null check (subject_type in ('USER', 'GROUP')),
    subject_id      uuid        not null,
    scope           text        not null check (scope in ('IMAGES', 'IMAGES_REPORT_READ', 'IMAGES_REPORT_WRITE')),
    may_share       boolean     not null default false,
    may_transfer    boolean     not null default false,
    valid_from      timestamptz,
    valid_until     timestamptz,
    origin          text        not null check (origin in ('REQUESTER', 'CC', 'GROUP_PRACTICE', 'SHARE',
                                                          'REFERENCE_NUMBER_CLAIM', 'RULE')),
    granted_at      timestamptz not null,
    granted_by      uuid,
    granted_by_name text,
    withdrawn_at    timestamptz,
    withdrawn_by    uuid,
    withdrawn_by_name text,
    withdrawn_reason text,
    constraint withdrawal_complete check ((withdrawn_at is null) = (withdrawn_reason is null))
);
-- decide and the Access tab: the grants of one study
create index study_grant_study on access.study_grant (study_id);
-- the merge rule: at most one live grant per study and subject
create unique index study_grant_live on access.study_grant (study_id, subject_type, subject_id) where withdrawn_at is null;
-- lists: the studies granted to a user or to his groups
create index study_grant_subject on access.study_grant (subject_id, study_id) include (valid_from, valid_until)
    where withdrawn_at is null;
