-- Who of a group is told when a study is shared with it: the primary contact or every member.
alter table directory.user_group add column notify text not null default 'PRIMARY_CONTACT'
    check (notify in ('PRIMARY_CONTACT', 'ALL_MEMBERS'));
