-- The sealer chains a batch of entries in one INSERT … SELECT (decision 068): the running link hash
-- is an aggregate used as a window over the batch in chain order, so link n = SHA-256(link n-1 ||
-- entry_hash n), seeded with the head's hash, exactly as EntryHash.link computes it in Java (which
-- verification still uses). The transition function is strict in nothing: the first row of a batch
-- starts from the head's hash given as the first argument, later rows from the running state.
create function audit.chain_step(state bytea, head bytea, entry_hash bytea) returns bytea
    language sql immutable parallel safe as $$
    select sha256(coalesce(state, head) || entry_hash)
$$;

create aggregate audit.chain(bytea, bytea) (
    sfunc = audit.chain_step,
    stype = bytea
);
