-- Departments (sources) and their settings. Settings are one typed record stored as JSON, so that
-- each capability adds its own settings without a migration per field.
create schema department;

create table department.department (
    id          uuid primary key,
    code        text        not null unique check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
    name        text        not null,
    time_zone   text        not null,
    settings    jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null
);
