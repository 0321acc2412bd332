-- Practices share by choice (docs/decisions/061-practice-sharing-by-choice.md): a new practice's
-- members no longer see each other's studies until its admin turns "members see each other's
-- studies" on (existing practices keep their setting); and a physician may keep his own studies
-- from his practices' colleagues.
alter table directory.user_group alter column members_share_studies set default false;
alter table directory.user_account add column shares_with_practice boolean not null default true;
