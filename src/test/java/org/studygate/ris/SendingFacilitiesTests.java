package org.studygate.ris;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;
import org.studygate.department.Departments;
import org.studygate.department.NewDepartment;
import org.studygate.department.RisSettings;
import org.studygate.directory.Actor;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's department look-up kept in memory (decision 072) sees what the service desk
 * changes: a sending facility moved to another department is found there at once, one no
 * longer mapped is unknown at once, and a department registered for a facility that was
 * unknown is found at once.
 */
@StudygateTest
class SendingFacilitiesTests {

	@Autowired
	SendingFacilities facilities;

	@Autowired
	Departments departments;

	@Autowired
	Fixtures fixtures;

	@Test
	void aFacilityMovedToAnotherDepartmentIsFoundThereAtOnce() {
		Actor desk = fixtures.actor(fixtures.serviceDesk("Desk Facilities"));
		Department first = fixtures.department("Radiology facility first");
		Department second = fixtures.department("Radiology facility second");
		String facility = "FAC" + Fixtures.unique();
		map(desk, first, List.of(facility));
		assertThat(facilities.find(facility)).map(Department::code).contains(first.code());
		assertThat(facilities.find(facility.toLowerCase())).as("kept").map(Department::code).contains(first.code());

		map(desk, first, List.of());
		assertThat(facilities.find(facility)).as("no longer mapped").isEmpty();

		map(desk, second, List.of(facility));
		assertThat(facilities.find(facility)).as("moved").map(Department::code).contains(second.code());
	}

	@Test
	void aDepartmentsChangedSettingsAreSeenAtOnce() {
		Actor desk = fixtures.actor(fixtures.serviceDesk("Desk Facilities payment"));
		Department department = fixtures.department("Radiology facility payment");
		assertThat(facilities.find(department.code().value())).map(found -> found.settings().ris().paymentField())
			.contains(department.settings().ris().paymentField());

		departments.changeSettings(desk, department.code().value(),
				settings -> settings.withRisSettings(new RisSettings(settings.ris().sendingFacilities(), "ZPY-2")));

		assertThat(facilities.find(department.code().value())).map(found -> found.settings().ris().paymentField())
			.contains("ZPY-2");
	}

	@Test
	void anUnknownFacilityIsNotKeptAsUnknown() {
		Actor desk = fixtures.actor(fixtures.serviceDesk("Desk Facilities new"));
		String code = "NEW" + Fixtures.unique();
		assertThat(facilities.find(code)).isEmpty();

		Department registered = departments.register(desk,
				NewDepartment.of(code, "Radiology facility new", "Europe/Brussels"));

		assertThat(facilities.find(code)).map(Department::id).contains(registered.id());
	}

	private void map(Actor desk, Department department, List<String> mapped) {
		departments.changeSettings(desk, department.code().value(),
				settings -> settings.withRisSettings(new RisSettings(mapped, settings.ris().paymentField())));
	}

}
