-- Access: restricted studies (docs/decisions/060-exclusions-and-restricted-studies.md). A study with a
-- row here opens to its entitled users (other than its source admins, the service desk and code
-- sessions) only through an unlock in force; it stays listed. Lifting the restriction deletes the row;
-- both are in the access log.
create table access.study_restriction (
    study_id         uuid primary key references study.study (id) on delete cascade,
    restricted_at    timestamptz not null,
    restricted_by    uuid,
    restricted_by_name text      not null,
    reason           text        not null
);
