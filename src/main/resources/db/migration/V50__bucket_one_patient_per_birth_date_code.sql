-- One patient per birth-date code (SPEC §10, decision 031). A printed bucket's code is checked
-- against one birth date (the first study's), so a bucket holding studies of several patients let
-- one patient, or whoever knows his birth date, see another patient's studies. Printing now refuses
-- such buckets; this migration finds those printed before and blocks them, with a reason shown in the
-- Buckets section. The detection is a function so that it can be run again (and is tested on rows a
-- test inserts).

alter table bucket.bucket add column blocked_reason text;
alter table bucket.bucket drop constraint bucket_state_check;
alter table bucket.bucket add constraint bucket_state_check
    check (state in ('ACTIVE', 'BLOCKED', 'REVOKED', 'DELETED'));

-- Whether two studies are of one patient: the same patient row, the same department-local patient
-- ID in the same department, or the same national ID.
create function bucket.same_patient(a uuid, b uuid) returns boolean language sql stable as $$
    select exists (
        select 1
        from study.study sa join study.patient pa on pa.id = sa.patient_id,
             study.study sb join study.patient pb on pb.id = sb.patient_id
        where sa.id = a and sb.id = b
          and (pa.id = pb.id
               or (pa.department_id = pb.department_id and pa.patient_id = pb.patient_id)
               or (nullif(btrim(pa.national_id), '') is not null and pa.national_id = pb.national_id)))
$$;

-- Blocks every active printed bucket (its code's first step is the birth date) whose studies are not
-- all of one patient: the bucket becomes BLOCKED with a reason, its code BLOCKED, and the code no
-- longer linked to the studies, so that it opens nothing even if someone unblocks the code. The
-- bucket keeps its studies, so that the Buckets section of each study still shows it. Answers how
-- many buckets it blocked.
create function bucket.block_mixed_birth_date_buckets(why text) returns integer language plpgsql as $$
declare
    blocked integer;
begin
    create temporary table mixed_bucket on commit drop as
    select b.id, b.code_id
    from bucket.bucket b
    where b.kind = 'PRINTED' and b.state = 'ACTIVE'
      and exists (select 1 from bucket.bucket_study x join bucket.bucket_study y on y.bucket_id = x.bucket_id
                  where x.bucket_id = b.id and x.study_id < y.study_id
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

select bucket.block_mixed_birth_date_buckets(
    'holds studies of several patients under one birth-date code; print one reference number per patient');
