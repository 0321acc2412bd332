-- Retention of the access log (docs/decisions/045-access-log-retention.md): whole monthly partitions
-- past the retention are exported to a file, recorded here, then detached and dropped. The links
-- (audit.link) stay: they are small, and they let verification prove that the online chain continues
-- the archived one.
create table audit.archived_month (
    month            date        primary key check (month = date_trunc('month', month)),
    entries          bigint      not null check (entries >= 0),
    -- the first and last link of the month's entries in chain order (null for a month without entries)
    first_seq        bigint,
    first_link_hash  bytea,
    last_seq         bigint,
    last_link_hash   bytea,
    file_name        text        not null,
    file_sha256      bytea       not null,
    archived_at      timestamptz not null default now()
);

create trigger archived_month_append_only before update or delete on audit.archived_month
    for each row execute function audit.refuse_change();
create trigger archived_month_no_truncate before truncate on audit.archived_month
    for each statement execute function audit.refuse_change();

-- The shortest retention the database accepts, whatever the application asks: the application's role
-- can never drop a month younger than this. Only the owner may change it (create or replace).
create function audit.retention_floor() returns interval language sql immutable as $$
    select interval '6 months'
$$;

-- Detaches and drops the partition of one month, with its owner's rights, and only when: the month
-- ended at least the retention (and the floor) before now, by the database's clock; it is recorded in
-- audit.archived_month; every entry of it is chained; and the record matches the partition (count,
-- first and last link). Refuses anything else with an error naming the reason.
create function audit.drop_archived_month(asked date, retention_months integer) returns bigint
    language plpgsql security definer set search_path = audit, pg_temp as $$
declare
    month_start date := date_trunc('month', asked)::date;
    name text := 'entry_' || to_char(date_trunc('month', asked), 'YYYY_MM');
    kept interval;
    archived audit.archived_month;
    counted bigint;
    unlinked bigint;
    first_link audit.link;
    last_link audit.link;
begin
    if retention_months is null or retention_months < 1 then
        raise exception 'a retention of at least one month is required' using errcode = 'invalid_parameter_value';
    end if;
    kept := greatest(make_interval(months => retention_months), audit.retention_floor());
    if (month_start + interval '1 month')::timestamp > (now() at time zone 'UTC') - kept then
        raise exception 'the month % is not past the retention', to_char(month_start, 'YYYY-MM')
            using errcode = 'insufficient_privilege';
    end if;
    if not exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
                   join pg_namespace n on n.oid = c.relnamespace
                   where i.inhparent = 'audit.entry'::regclass and n.nspname = 'audit' and c.relname = name) then
        raise exception 'the month % has no attached partition', to_char(month_start, 'YYYY-MM')
            using errcode = 'invalid_parameter_value';
    end if;
    select * into archived from audit.archived_month a where a.month = month_start;
    if not found then
        raise exception 'the month % is not archived', to_char(month_start, 'YYYY-MM')
            using errcode = 'insufficient_privilege';
    end if;
    execute format('select count(*), count(*) filter (where not exists '
                   '(select 1 from audit.link l where l.entry_id = e.id and l.entry_at = e.at)) from audit.%I e', name)
        into counted, unlinked;
    if unlinked > 0 then
        raise exception 'the month % has % entries not chained yet', to_char(month_start, 'YYYY-MM'), unlinked
            using errcode = 'object_not_in_prerequisite_state';
    end if;
    execute format('select l.* from audit.link l join audit.%I e on e.id = l.entry_id and e.at = l.entry_at '
                   'order by l.seq limit 1', name) into first_link;
    execute format('select l.* from audit.link l join audit.%I e on e.id = l.entry_id and e.at = l.entry_at '
                   'order by l.seq desc limit 1', name) into last_link;
    if counted <> archived.entries
       or first_link.seq is distinct from archived.first_seq
       or first_link.link_hash is distinct from archived.first_link_hash
       or last_link.seq is distinct from archived.last_seq
       or last_link.link_hash is distinct from archived.last_link_hash then
        raise exception 'the archive record of % does not match its partition', to_char(month_start, 'YYYY-MM')
            using errcode = 'data_exception';
    end if;
    set local lock_timeout = '10s';
    execute format('alter table audit.entry detach partition audit.%I', name);
    execute format('drop table audit.%I', name);
    return counted;
end $$;

revoke all on function audit.drop_archived_month(date, integer) from public;
