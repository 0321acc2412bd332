-- The throttles of the emergency search and of the patient login now give every bucket an expiry, and
-- expired buckets are removed on a schedule (docs/decisions/045-access-log-retention.md). Buckets
-- written before have none: they get a day, after which they are removed unless written again.
update breakglass.search_throttle set expires_at = (extract(epoch from now()) * 1000)::bigint + 86400000
 where expires_at is null;
update refcode.login_throttle set expires_at = (extract(epoch from now()) * 1000)::bigint + 86400000
 where expires_at is null;
