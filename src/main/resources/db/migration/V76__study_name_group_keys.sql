-- A DICOM person name may carry an ideographic and a phonetic component group after the
-- alphabetic one (Yamada^Tarou=山田^太郎=やまだ^たろう). The alphabetic group leads the study's
-- patient_name_key; the other two are kept on the patient, in the same search-key form (lower case,
-- no accents: docs/decisions/048-character-sets-and-accent-insensitive-search.md), each indexed for
-- the explore list's prefix filter.
alter table study.patient add column ideographic_key text;
alter table study.patient add column phonetic_key text;
create index patient_ideographic_key on study.patient (ideographic_key text_pattern_ops) where ideographic_key is not null;
create index patient_phonetic_key on study.patient (phonetic_key text_pattern_ops) where phonetic_key is not null;
