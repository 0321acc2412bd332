-- The explore list reads a physician's studies newest first from study.study_physician and merges
-- them with his other ways in (docs/decisions/070-explore-list-as-a-merge-of-ordered-paths.md):
-- each row keeps its study's sort key, written with the row (a study's performed_at never changes).
alter table study.study_physician add column performed_at timestamp;
update study.study_physician sp set performed_at = s.performed_at from study.study s where s.id = sp.study_id;
alter table study.study_physician alter column performed_at set not null;
create index study_physician_newest on study.study_physician (physician_number, performed_at desc, study_id desc);
