-- Break-the-glass: what an unlock was for (docs/decisions/060-exclusions-and-restricted-studies.md).
-- EMERGENCY: a user not otherwise entitled, after the emergency search; RESTRICTED: an entitled user of a
-- restricted study. Unlocks made before this column existed are taken as emergencies.
alter table breakglass.unlock add column kind text not null default 'EMERGENCY'
    check (kind in ('EMERGENCY', 'RESTRICTED'));
