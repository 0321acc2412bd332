-- The patient login's throttle (decision 066): token buckets as plain rows, one per client address
-- and a few shards of the global bucket, taken in one round trip before a code is evaluated and
-- refunded when it was right. Every instance counts in the same rows.
create table refcode.login_bucket (
    key         text             primary key,
    tokens      double precision not null,
    updated_at  timestamptz      not null
);

-- The tokens a bucket holds at :at: what it held, refilled at :rate tokens a second since it was
-- last written (never backwards when clocks of instances differ), at most :capacity.
create function refcode.login_bucket_level(tokens double precision, updated_at timestamptz, at timestamptz,
                                           capacity double precision, rate double precision)
returns double precision language sql immutable as $$
    select least(capacity, tokens + greatest(0, extract(epoch from (at - updated_at))) * rate)
$$;

-- Takes one token from one bucket; false when it holds less than one. A missing bucket is full.
create function refcode.take_login_token(bucket text, at timestamptz, capacity double precision,
                                         rate double precision)
returns boolean language plpgsql as $$
begin
    update refcode.login_bucket
       set tokens = refcode.login_bucket_level(tokens, updated_at, at, capacity, rate) - 1,
           updated_at = greatest(updated_at, at)
     where key = bucket and refcode.login_bucket_level(tokens, updated_at, at, capacity, rate) >= 1;
    if found then
        return true;
    end if;
    insert into refcode.login_bucket (key, tokens, updated_at) values (bucket, capacity - 1, at)
        on conflict (key) do nothing;
    if found then
        return capacity >= 1;
    end if;
    -- the bucket exists (empty, or made by another attempt at the same moment): ask it again
    update refcode.login_bucket
       set tokens = refcode.login_bucket_level(tokens, updated_at, at, capacity, rate) - 1,
           updated_at = greatest(updated_at, at)
     where key = bucket and refcode.login_bucket_level(tokens, updated_at, at, capacity, rate) >= 1;
    return found;
end
$$;

-- Gives one token back, up to the capacity.
create function refcode.refund_login_token(bucket text, at timestamptz, capacity double precision,
                                           rate double precision)
returns void language sql as $$
    update refcode.login_bucket
       set tokens = least(capacity, refcode.login_bucket_level(tokens, updated_at, at, capacity, rate) + 1),
           updated_at = greatest(updated_at, at)
     where key = bucket
$$;

-- One attempt's tokens: one from the client's bucket and one from a shard of the global bucket,
-- both or neither (an attempt refused by one bucket costs the other nothing). The client's bucket
-- is locked first, always, so two attempts never wait on each other in a circle. The throttle is a
-- counter, not a record: its commit does not wait for the disk (the access log keeps every
-- attempt durably), so that attempts from one address do not queue behind each other's flushes.
create function refcode.take_login_tokens(client text, client_capacity double precision,
                                          client_rate double precision, shard text,
                                          shard_capacity double precision, shard_rate double precision,
                                          at timestamptz)
returns boolean language plpgsql as $$
begin
    perform set_config('synchronous_commit', 'off', true);
    if not refcode.take_login_token(client, at, client_capacity, client_rate) then
        return false;
    end if;
    if refcode.take_login_token(shard, at, shard_capacity, shard_rate) then
        return true;
    end if;
    perform refcode.refund_login_token(client, at, client_capacity, client_rate);
    return false;
end
$$;

-- Both tokens of an attempt that was right go back.
create function refcode.refund_login_tokens(client text, client_capacity double precision,
                                            client_rate double precision, shard text,
                                            shard_capacity double precision, shard_rate double precision,
                                            at timestamptz)
returns void language plpgsql as $$
begin
    perform set_config('synchronous_commit', 'off', true);
    perform refcode.refund_login_token(client, at, client_capacity, client_rate);
    perform refcode.refund_login_token(shard, at, shard_capacity, shard_rate);
end
$$;
