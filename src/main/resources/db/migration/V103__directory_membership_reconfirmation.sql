-- Practice memberships lapse 3 months after their last confirmation unless the member confirms
-- them again (docs/decisions/061-practice-sharing-by-choice.md); the member is mailed two weeks before.
-- reminded_at: when the reminder for the current confirmation was claimed (sent once per confirmation).
alter table directory.group_membership add column reminded_at timestamptz;
create index group_membership_confirmation on directory.group_membership (confirmed_at) where state = 'ACTIVE';
