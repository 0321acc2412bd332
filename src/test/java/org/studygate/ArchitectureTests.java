package org.studygate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.studygate.audit.AuditableEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rules of STYLE.md that the modularity test does not cover. */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.studygate");

	@Test
	void noCodeReadsTheSystemClockDirectly() {
		ArchRule rule = noClasses().should()
			.callMethod(java.time.Instant.class, "now")
			.orShould()
			.callMethod(java.time.LocalDate.class, "now")
			.orShould()
			.callMethod(java.time.LocalDateTime.class, "now")
			.orShould()
			.callMethod(java.time.ZonedDateTime.class, "now")
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.because("time comes from the injected Clock, so that rules can be tested at any instant");
		rule.check(MAIN);
	}

	/** Events are top-level records named in the past tense; {@code Registered} is an answer, not an event. */
	@Test
	void publishedEventsAreAuditable() {
		ArchRule rule = classes().that()
			.areRecords()
			.and()
			.areTopLevelClasses()
			.and()
			.haveSimpleNameEndingWith("ed")
			.and()
			.doNotHaveSimpleName("Registered")
			.and()
			.resideOutsideOfPackages("..web..")
			.should()
			.implement(AuditableEvent.class)
			.because("every event a module publishes becomes an access log entry");
		rule.check(MAIN);
	}

	@Test
	void namesSayWhatThingsAre() {
		ArchRule rule = noClasses().should()
			.haveSimpleNameEndingWith("Manager")
			.orShould()
			.haveSimpleNameEndingWith("Helper")
			.orShould()
			.haveSimpleNameEndingWith("Util")
			.orShould()
			.haveSimpleNameEndingWith("Utils")
			.orShould()
			.haveSimpleNameEndingWith("Impl")
			.orShould()
			.haveSimpleNameEndingWith("Dto")
			.orShould()
			.resideInAPackage("..common..");
		rule.check(MAIN);
	}

	@Test
	void controllersAreNotPartOfAModulesApi() {
		ArchRule rule = classes().that()
			.haveSimpleNameEndingWith("Controller")
			.should()
			.notBePublic()
			.andShould()
			.resideInAPackage("..web..");
		rule.check(MAIN);
	}

	/**
	 * The directory's setup makes users, groups and memberships without checking anyone's rights: only
	 * the directory's own first start and the demo data loader use it
	 * (docs/decisions/036-directory-use-cases-and-setup-interface.md).
	 */
	@Test
	void onlyTheDemoAndTheDirectoryUseTheDirectorySetup() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackages("org.studygate.demo..", "org.studygate.directory..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.studygate.directory.setup..")
			.because("requests change users, groups and memberships only through the directory's checked use cases");
		rule.check(MAIN);
	}

}
