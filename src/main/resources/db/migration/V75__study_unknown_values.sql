-- What the archive holds is registered even when its header leaves type-2 attributes empty
-- (docs/decisions/047-register-what-the-archive-holds.md): a patient's name and birth date may be
-- unknown, a patient without an ID is a placeholder of one study, and a study records where its
-- date came from.
alter table study.patient alter column name drop not null;
alter table study.patient alter column birth_date drop not null;
-- a placeholder patient stands for the unidentified patient of one study: never matched to another
alter table study.patient add column placeholder boolean not null default false;

-- STUDY: the header's study date; SERIES, ACQUISITION, CONTENT: the first of these dates found
-- instead; ARRIVAL: none in the header, the day the images arrived
alter table study.study add column study_date_source text not null default 'STUDY'
    check (study_date_source in ('STUDY', 'SERIES', 'ACQUISITION', 'CONTENT', 'ARRIVAL'));
