-- The administration log (docs/decisions/027-administration-log.md) reads the entries of
-- administration events, newest first, across the whole log or for some departments.
create index entry_administration on audit.entry (at desc, id desc)
    where (details ->> 'category') = 'ADMINISTRATION';
create index entry_administration_department on audit.entry ((details ->> 'department'), at desc, id desc)
    where (details ->> 'category') = 'ADMINISTRATION';
