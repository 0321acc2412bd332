-- The access log (SPEC §2): one row per auditable event, written in the publisher's transaction,
-- chained afterwards by the sealer into audit.link (decision 009). Rows are never updated or deleted:
-- the application's role has only SELECT and INSERT here (afterMigrate.sql), and triggers refuse
-- UPDATE, DELETE and TRUNCATE to everybody else too.
create schema audit;

create table audit.entry (
    id          bigint generated always as identity,
    at          timestamptz not null,
    -- the inserting transaction: the sealer chains only rows of transactions older than every running one
    xid         xid8        not null default pg_current_xact_id(),
    actor_kind  text        not null check (actor_kind in ('USER', 'PATIENT_CODE', 'SHARE_CODE', 'SYSTEM', 'ANONYMOUS')),
    actor_id    text,
    actor_name  text        not null,
    channel     text,
    action      text        not null,
    outcome     text        not null check (outcome in ('SUCCESS', 'DENIED', 'FAILURE')),
    study_id    uuid,
    client_ip   text,
    user_agent  text,
    details     jsonb       not null default '{}',
    -- SHA-256 of the canonical content (EntryHash), computed by the writer
    entry_hash  bytea       not null,
    primary key (id, at)
) partition by range (at);

create table audit.entry_default partition of audit.entry default;

create index entry_study_newest on audit.entry (study_id, at desc, id desc) where study_id is not null;
create index entry_newest on audit.entry (at desc, id desc);
create index entry_unsealed on audit.entry (xid, id);

-- The chain: link n covers entry n and link n-1 (link_hash = SHA-256(previous link_hash || entry_hash)).
create table audit.link (
    seq        bigint      primary key,
    entry_id   bigint      not null unique,
    entry_at   timestamptz not null,
    entry_xid  xid8        not null,
    link_hash  bytea       not null,
    sealed_at  timestamptz not null default now()
);
create index link_entry_at on audit.link (entry_at);

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the access log is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

create trigger entry_append_only before update or delete on audit.entry
    for each row execute function audit.refuse_change();
create trigger entry_no_truncate before truncate on audit.entry
    for each statement execute function audit.refuse_change();
create trigger link_append_only before update or delete on audit.link
    for each row execute function audit.refuse_change();
create trigger link_no_truncate before truncate on audit.link
    for each statement execute function audit.refuse_change();

-- Monthly partitions, created ahead by the application (which may not run DDL itself: this function
-- runs with its owner's rights). A month whose rows already went to the default partition is left
-- there rather than moved, since moving would need a DELETE.
create function audit.ensure_partitions(first_month date, months integer) returns integer
    language plpgsql security definer set search_path = audit, pg_temp as $$
declare
    created integer := 0;
    month_start date;
    name text;
begin
    for i in 0 .. months - 1 loop
        month_start := (date_trunc('month', first_month) + make_interval(months => i))::date;
        name := 'entry_' || to_char(month_start, 'YYYY_MM');
        continue when exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                              where n.nspname = 'audit' and c.relname = name);
        continue when exists (select 1 from audit.entry_default
                              where at >= month_start and at < (month_start + interval '1 month'));
        execute format('create table audit.%I partition of audit.entry for values from (%L) to (%L)',
                       name, month_start::timestamptz, (month_start + interval '1 month')::timestamptz);
        execute format('create trigger no_truncate before truncate on audit.%I '
                       'for each statement execute function audit.refuse_change()', name);
        created := created + 1;
    end loop;
    return created;
end $$;

select audit.ensure_partitions(current_date - 31, 4);
