-- Directory: staff users, groups and memberships.
create schema directory;

create table directory.user_account (
    id              uuid primary key,
    username        text        not null,
    display_name    text        not null,
    email           text,
    mobile          text,
    contact_public  boolean     not null default false,
    language        text        not null default 'en',
    password_hash   text        not null,
    service_desk    boolean     not null default false,
    status          text        not null default 'ACTIVE' check (status in ('ACTIVE', 'LOCKED')),
    failed_logins   integer     not null default 0,
    created_at      timestamptz not null
);
create unique index user_account_username on directory.user_account (lower(username));
create index user_account_display_name on directory.user_account (lower(display_name) text_pattern_ops);

-- A physician number identifies one physician; a physician may hold several.
create table directory.physician_number (
    number   text primary key,
    user_id  uuid not null references directory.user_account (id) on delete cascade
);
create index physician_number_user on directory.physician_number (user_id);

create table directory.user_group (
    id              uuid primary key,
    kind            text        not null check (kind in ('PRACTICE', 'MEDICAL_DEPARTMENT', 'SOURCE_USERS', 'SOURCE_ADMINS')),
    name            text        not null,
    address         text,
    phone           text,
    email           text,
    public          boolean     not null default false,
    -- set for SOURCE_USERS and SOURCE_ADMINS: the department whose source group this is
    department_id   uuid,
    created_at      timestamptz not null,
    constraint source_group_has_department check ((kind in ('SOURCE_USERS', 'SOURCE_ADMINS')) = (department_id is not null))
);
create unique index user_group_source on directory.user_group (department_id, kind) where department_id is not null;

create table directory.group_membership (
    group_id        uuid        not null references directory.user_group (id) on delete cascade,
    user_id         uuid        not null references directory.user_account (id) on delete cascade,
    role            text        not null check (role in ('MEMBER', 'ADMIN')),
    primary_contact boolean     not null default false,
    confirmed_at    timestamptz not null,
    primary key (group_id, user_id)
);
create index group_membership_user on directory.group_membership (user_id);
create unique index group_membership_one_primary on directory.group_membership (group_id) where primary_contact;

-- Every staff login attempt, successful or not: the user's login history.
create table directory.login_attempt (
    id          bigint generated always as identity primary key,
    user_id     uuid references directory.user_account (id) on delete set null,
    username    text        not null,
    at          timestamptz not null,
    client_ip   text,
    user_agent  text,
    channel     text        not null check (channel in ('FORM', 'API')),
    outcome     text        not null check (outcome in ('SUCCESS', 'BAD_CREDENTIALS', 'LOCKED'))
);
create index login_attempt_user on directory.login_attempt (user_id, at desc);

-- Bearer tokens for /api/**: only a SHA-256 hash of the token is stored.
create table directory.api_token (
    token_hash  bytea       primary key,
    user_id     uuid        not null references directory.user_account (id) on delete cascade,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null
);
create index api_token_expiry on directory.api_token (expires_at);
