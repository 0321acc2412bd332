-- Buckets on the Access tab (docs/product/04-access-tab.md, decision 062): revoking a bucket is its own step
-- with a reason, and a study leaving a bucket ends its link instead of deleting it, so that the bucket
-- stays listed on that study's Access tab with when and by whom it was removed.
alter table bucket.bucket_study add column removed_at timestamptz;
alter table bucket.bucket_study add column removed_by text;
alter table bucket.bucket add column revoke_reason text;

-- the mixed-patient check of V50 looks only at the studies a bucket still holds
create or replace function bucket.block_mixed_birth_date_buckets(why text) returns integer language plpgsql as $$
declare
    blocked integer;
begin
    create temporary table mixed_bucket on commit drop as
    select b.id, b.code_id
    from bucket.bucket b
    where b.kind = 'PRINTED' and b.state = 'ACTIVE'
      and exists (select 1 from bucket.bucket_study x join bucket.bucket_study y on y.bucket_id = x.bucket_id
                  where x.bucket_id = b.id and x.study_id < y.study_id
                    and x.removed_at is null and y.removed_at is null
                    and not bucket.same_patient(x.study_id, y.study_id));
    update bucket.bucket b set state = 'BLOCKED', blocked_reason = why, state_changed_at = now(),
        state_changed_by = 'migration V50'
    where b.id in (select id from mixed_bucket);
    get diagnostics blocked = row_count;
    update refcode.reference_number r set state = 'BLOCKED', state_changed_at = now(),
        state_changed_by = 'migration V50'
    where r.id in (select code_id from mixed_bucket) and r.state in ('ACTIVE', 'BLOCKED');
    delete from refcode.reference_number_study l where l.reference_number_id in (select code_id from mixed_bucket);
    drop table mixed_bucket;
    return blocked;
end
$$;

-- what a revoked bucket and its code were before the cross, restored when the admin then takes only this
-- study out ("Remove study from bucket": the bucket's other studies stay reachable)
alter table bucket.bucket add column revoked_from text;
alter table bucket.bucket add column revoked_code_state text;
