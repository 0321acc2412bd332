-- The sealer's cost per link, measured (decision 077): the chain's step as PL/pgSQL, whose simple
-- expression is evaluated in place, instead of a SQL function, which the aggregate runs through the
-- SQL function executor for every row. The formula is the same (link n = SHA-256(link n-1 ||
-- entry_hash n), seeded with the head's hash), so existing links verify as before.
create or replace function audit.chain_step(state bytea, head bytea, entry_hash bytea) returns bytea
    language plpgsql immutable parallel safe as $$
begin
    return sha256(coalesce(state, head) || entry_hash);
end
$$;

-- Links are appended in chain order and their entries' times follow that order closely, so a block
-- range index finds a month's links for verification (decision 045) at a fraction of a B-tree's
-- cost per appended link. New ranges are summarized as they fill.
drop index audit.link_entry_at;
create index link_entry_at on audit.link using brin (entry_at) with (autosummarize = on);
