-- When a study's images first arrived in the image archive (null: registered by a RIS, no images yet).
-- Series and instance counts and the archive location already live on the study row (V3).
alter table study.study add column arrived_at timestamptz;
