-- Consent before membership (SPEC §10, docs/decisions/026-membership-consent.md): a group admin
-- invites, and the membership counts only once the invited user accepted it. Existing memberships
-- were confirmed when they were made and stay in force.
alter table directory.group_membership
    add column state       text        not null default 'ACTIVE' check (state in ('INVITED', 'ACTIVE')),
    add column invited_at  timestamptz,
    add column invited_by  uuid references directory.user_account (id) on delete set null,
    add column accepted_at timestamptz;

update directory.group_membership set accepted_at = confirmed_at;

-- an invitation is confirmed by nobody yet
alter table directory.group_membership alter column confirmed_at drop not null;

alter table directory.group_membership add constraint group_membership_invitation_complete
    check (state <> 'INVITED' or (invited_at is not null and accepted_at is null and not primary_contact));
alter table directory.group_membership add constraint group_membership_active_confirmed
    check (state <> 'ACTIVE' or confirmed_at is not null);
