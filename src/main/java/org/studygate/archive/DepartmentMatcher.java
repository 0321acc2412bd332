package org.studygate.archive;

import java.util.Locale;
import java.util.Optional;

import org.studygate.department.ArchiveMatching;
import org.studygate.department.Department;
import org.studygate.department.Departments;

import org.springframework.stereotype.Component;

/**
 * Which department a study from the archive belongs to: the one whose settings name the
 * AE title that sent it, else the one whose settings name the institution in its header.
 * AE titles win because a modality's AE title is configured, while institution names are
 * typed on the modality.
 */
@Component
class DepartmentMatcher {

	private final Departments departments;

	DepartmentMatcher(Departments departments) {
		this.departments = departments;
	}

	Optional<Department> match(String remoteAet, String institutionName) {
		String aet = normalized(remoteAet);
		String institution = normalized(institutionName);
		Department byInstitution = null;
		for (Department department : departments.all()) {
			ArchiveMatching matching = department.settings().archive();
			if (!aet.isEmpty()
					&& matching.aeTitles().stream().map(DepartmentMatcher::normalized).anyMatch(aet::equals)) {
				return Optional.of(department);
			}
			if (byInstitution == null && !institution.isEmpty()
					&& matching.institutionNames()
						.stream()
						.map(DepartmentMatcher::normalized)
						.anyMatch(institution::equals)) {
				byInstitution = department;
			}
		}
		return Optional.ofNullable(byInstitution);
	}

	static String normalized(String value) {
		return value == null ? "" : value.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
	}

}
