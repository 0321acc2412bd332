-- The two source groups of a department are told apart by name (decision 063): "Radiology North —
-- administrators" and "Radiology North — users". New departments get these names when they are created.
update directory.user_group g
set name = d.name || case when g.kind = 'SOURCE_ADMINS' then ' — administrators' else ' — users' end
from department.department d
where g.department_id = d.id and g.kind in ('SOURCE_USERS', 'SOURCE_ADMINS');
