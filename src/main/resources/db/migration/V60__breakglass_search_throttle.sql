-- The emergency-access search is throttled and watched (decision 034).
-- Bucket4j's token buckets (PostgreSQL backend, select-for-update strategy), one row per user and per
-- client address, so that every instance counts alike.
create table breakglass.search_throttle (
    id          text   primary key,
    state       bytea,
    expires_at  bigint
);

-- Each search that offered nothing: who, when, the patient ID searched (never the birth date) and the
-- departments that hold a study of that patient ID, for the alert after repeated misses.
create table breakglass.search_miss (
    id              bigserial   primary key,
    user_id         uuid        not null,
    searched_at     timestamptz not null,
    patient_id      text        not null,
    department_ids  uuid[]      not null default '{}'
);
create index search_miss_by_user on breakglass.search_miss (user_id, searched_at);

-- When a user's burst of misses was last reported, so that a burst is reported once.
create table breakglass.search_alert (
    user_id     uuid        primary key,
    alerted_at  timestamptz not null
);
