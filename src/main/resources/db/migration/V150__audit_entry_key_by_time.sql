-- The access log's entry table with one index fewer to maintain per appended entry (decision 082): the
-- primary key is (at, id) instead of (id, at), and the whole-log newest-first index entry_newest
-- (at desc, id desc) goes. Every reader that used either is served by the new key: a link's entry is
-- found by both columns as equalities (verification, the export, the archive), and the whole log newest
-- first ("order by at desc, id desc", with or without the page cursor "(at, id) < (…)") is the key read
-- backwards. No query finds an entry by its id alone.
alter table audit.entry drop constraint entry_pkey;
alter table audit.entry add primary key (at, id);
drop index audit.entry_newest;
