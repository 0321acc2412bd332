-- The one-click link of a membership reminder (docs/decisions/064-checked-pages-reconfirmation-link-action-select.md):
-- a random token stored only as its SHA-256 hash, bound to one practice membership and to the
-- confirmation it renews (confirmed_at), valid until that confirmation lapses (expires_at), used once.
create table directory.reconfirmation_link (
    token_hash   bytea       primary key,
    group_id     uuid        not null,
    user_id      uuid        not null,
    confirmed_at timestamptz not null,
    expires_at   timestamptz not null,
    issued_at    timestamptz not null,
    used_at      timestamptz,
    foreign key (group_id, user_id) references directory.group_membership (group_id, user_id) on delete cascade
);
create index reconfirmation_link_membership on directory.reconfirmation_link (group_id, user_id);
