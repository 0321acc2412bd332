package org.studygate.department.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.department.Department;
import org.studygate.department.DepartmentSettings;
import org.studygate.department.DepartmentStaff;
import org.studygate.department.Departments;
import org.studygate.department.NewDepartment;
import org.studygate.department.SourceRole;
import org.studygate.department.SourceStaff;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupView;
import org.studygate.directory.UserId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Departments, their settings and their staff, for the service desk
 * (docs/product/09-api-contract.md).
 */
@RestController
@RequestMapping("/api/v1/admin/departments")
class DepartmentAdminApiController {

	private final Departments departments;

	private final SourceStaff staff;

	DepartmentAdminApiController(Departments departments, SourceStaff staff) {
		this.departments = departments;
		this.staff = staff;
	}

	record RegisterDepartment(String code, String name, String timeZone) {

	}

	record DepartmentItem(String id, String code, String name, String timeZone) {

		static DepartmentItem of(Department department) {
			return new DepartmentItem(department.id().toString(), department.code().value(), department.name(),
					department.timeZone().getId());
		}

	}

	record DepartmentList(List<DepartmentItem> items, String next) {

	}

	record DepartmentDetails(String id, String code, String name, String timeZone, DepartmentSettings settings,
			List<StaffItem> sourceAdmins, List<StaffItem> sourceUsers) {

	}

	record StaffItem(String userId, String displayName, String username) {

		static StaffItem of(GroupView.Member member) {
			return new StaffItem(member.userId().toString(), member.displayName(), member.username());
		}

	}

	record AddStaff(UUID userId, String role) {

	}

	record StaffAdded(String departmentCode, String userId, String role) {

	}

	@PostMapping
	ResponseEntity<DepartmentItem> register(Actor actor, @RequestBody RegisterDepartment body) {
		Department department = departments.register(actor,
				NewDepartment.of(body.code(), body.name(), body.timeZone()));
		return ResponseEntity.created(URI.create("/api/v1/admin/departments/" + department.code()))
			.body(DepartmentItem.of(department));
	}

	@GetMapping
	DepartmentList list(Actor actor) {
		return new DepartmentList(departments.list(actor).stream().map(DepartmentItem::of).toList(), null);
	}

	@GetMapping("/{code}")
	DepartmentDetails department(Actor actor, @PathVariable String code) {
		return details(actor, departments.get(actor, code));
	}

	record RenameDepartment(String name, String timeZone) {

	}

	/** Renames the department or moves it to another time zone; the code stays. */
	@PutMapping("/{code}")
	DepartmentItem rename(Actor actor, @PathVariable String code, @RequestBody RenameDepartment body) {
		return DepartmentItem.of(departments.rename(actor, code, body.name(), body.timeZone()));
	}

	@PutMapping("/{code}/settings")
	DepartmentDetails settings(Actor actor, @PathVariable String code, @RequestBody DepartmentSettings settings) {
		return details(actor, departments.changeSettings(actor, code, settings));
	}

	@PostMapping("/{code}/members")
	ResponseEntity<StaffAdded> addStaff(Actor actor, @PathVariable String code, @RequestBody AddStaff body) {
		Department department = departments.get(actor, code);
		if (body == null || body.userId() == null) {
			throw new InvalidInputException("userId", "must be the id of a user");
		}
		UserId user = new UserId(body.userId());
		SourceRole role = SourceRole.parse("role", body.role());
		staff.addStaff(actor, code, user, role);
		return ResponseEntity.created(URI.create("/api/v1/admin/departments/" + department.code() + "/members/" + user))
			.body(new StaffAdded(department.code().value(), user.toString(), role.name()));
	}

	@DeleteMapping("/{code}/members/{userId}")
	ResponseEntity<Void> removeStaff(Actor actor, @PathVariable String code, @PathVariable UserId userId,
			@RequestParam(required = false) String role) {
		departments.get(actor, code);
		staff.removeStaff(actor, code, userId, role == null || role.isBlank() ? null : SourceRole.parse("role", role));
		return ResponseEntity.noContent().build();
	}

	private DepartmentDetails details(Actor actor, Department department) {
		DepartmentStaff members = staff.staff(actor, department.code().value());
		return new DepartmentDetails(department.id().toString(), department.code().value(), department.name(),
				department.timeZone().getId(), department.settings(),
				members.admins().stream().map(StaffItem::of).toList(),
				members.users().stream().map(StaffItem::of).toList());
	}

}
