-- API tokens get a non-secret id, so that their owner can list and revoke them one by one, and the
-- time of their last use, written at most once a minute per token (decision 029).
alter table directory.api_token
    add column id           uuid not null default gen_random_uuid(),
    add column last_used_at timestamptz;
create unique index api_token_id on directory.api_token (id);
create index api_token_user on directory.api_token (user_id);
