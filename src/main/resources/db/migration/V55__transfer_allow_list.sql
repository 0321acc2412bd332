-- The hosts, domains and address ranges users' own PACS destinations and STOW-RS URLs may point at,
-- kept by the service desk (decision 033); configuration may add more.
create table transfer.allowed_host (
    entry    text        primary key,
    added_by text        not null,
    added_at timestamptz not null
);
