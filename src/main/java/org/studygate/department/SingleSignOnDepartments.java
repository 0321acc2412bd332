package org.studygate.department;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.InvalidInputException;
import org.studygate.directory.GroupId;
import org.studygate.directory.Groups;
import org.studygate.directory.sourcegroups.SourceGroupMapping;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Which department an identity provider's group staffs
 * (docs/decisions/056-openid-connect-sign-in.md):
 * {@code studygate.sso.providers.<id>.departments.<group>=<department code>:SOURCE_USER}
 * (or {@code SOURCE_ADMIN}). A value naming no department, or a role that is neither, is
 * ignored with a warning: it never widens anyone's access.
 */
@Component
@EnableConfigurationProperties(SingleSignOnDepartments.Mappings.class)
class SingleSignOnDepartments implements SourceGroupMapping {

	private static final Logger log = LoggerFactory.getLogger(SingleSignOnDepartments.class);

	@ConfigurationProperties("studygate.sso")
	record Mappings(Map<String, Provider> providers) {

		Mappings {
			providers = providers == null ? Map.of() : Map.copyOf(providers);
		}

		record Provider(Map<String, String> departments) {

			Provider {
				departments = departments == null ? Map.of() : Map.copyOf(departments);
			}

		}

	}

	private final Mappings mappings;

	private final Departments departments;

	private final Groups groups;

	SingleSignOnDepartments(Mappings mappings, Departments departments, Groups groups) {
		this.mappings = mappings;
		this.departments = departments;
		this.groups = groups;
	}

	@Override
	public Set<GroupId> sourceGroups(String provider, Set<String> claimedGroups) {
		Mappings.Provider mapping = mappings.providers().get(provider);
		Set<GroupId> found = new HashSet<>();
		if (mapping != null) {
			mapping.departments().forEach((group, target) -> {
				if (claimedGroups.contains(group)) {
					sourceGroup(target).ifPresentOrElse(found::add,
							() -> log.warn("Single sign-on mapping of {} names no source group: {}", provider, target));
				}
			});
		}
		return found;
	}

	private Optional<GroupId> sourceGroup(String target) {
		int colon = target.lastIndexOf(':');
		if (colon < 0) {
			return Optional.empty();
		}
		try {
			SourceRole role = SourceRole.valueOf(target.substring(colon + 1).trim());
			return departments.find(new DepartmentCode(target.substring(0, colon)))
				.flatMap(d -> groups.sourceGroup(d.id().value(), role.groupKind()));
		}
		catch (IllegalArgumentException | InvalidInputException ex) {
			return Optional.empty();
		}
	}

}
