package org.studygate.department;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Trusted department setup stays with the demo loader (and tests): everyone else decides
 * through Departments.
 */
class DepartmentSetupTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.studygate");

	@Test
	void onlyTheDemoLoaderSetsDepartmentsUp() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackages("org.studygate.department..", "org.studygate.demo..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.studygate.department.setup..")
			.because("creating a department or replacing its settings without an actor skips the service desk's "
					+ "check and the administration log (docs/decisions/037-use-cases-over-stores-and-typed-ids.md)");
		rule.check(MAIN);
	}

}
