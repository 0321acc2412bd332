-- A practice shares its members' studies among them only while its "members see each other's
-- studies" setting is on (SPEC §10, docs/decisions/026-membership-consent.md). On for existing and
-- new practices: its members consented to the practice, and its admin may turn it off.
alter table directory.user_group add column members_share_studies boolean not null default true;
