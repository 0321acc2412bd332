-- After every migration: the application's role (placeholder appRole, empty or equal to the migrating
-- user when one user does both) may read and write every module's tables, present and future, but
-- only read and append to the access log (decision 010). Runs on every start, so tables added by
-- later migrations are covered without touching this file.
do $$
declare
    app text := '${appRole}';
    s   text;
begin
    if app = '' or app = current_user or not exists (select 1 from pg_roles where rolname = app) then
        return;
    end if;
    for s in select nspname from pg_namespace
             where nspname not like 'pg\_%' and nspname <> 'information_schema' loop
        execute format('grant usage on schema %I to %I', s, app);
        execute format('grant select, insert, update, delete on all tables in schema %I to %I', s, app);
        execute format('grant usage, select on all sequences in schema %I to %I', s, app);
        execute format('grant execute on all functions in schema %I to %I', s, app);
        if current_setting('server_version_num')::int >= 170000 then
            execute format('grant maintain on all tables in schema %I to %I', s, app);
        end if;
    end loop;
    execute format('revoke update, delete, truncate on all tables in schema audit from %I', app);
    if current_setting('server_version_num')::int >= 170000 then
        execute format('revoke maintain on all tables in schema audit from %I', app);
    end if;
    if to_regclass('public.flyway_schema_history') is not null then
        execute format('revoke insert, update, delete, truncate on public.flyway_schema_history from %I', app);
    end if;
end $$;
