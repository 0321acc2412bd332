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

	/**
	 * Events are top-level records named in the past tense; {@code Registered} is an
	 * answer, not an event.
	 */
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
	 * The directory's setup makes users, groups and memberships without checking anyone's
	 * rights: only the directory's own first start and the demo data loader use it
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

	/**
	 * A department's source groups are made and renamed without a check of their own:
	 * only the department module, once it has checked the service desk, and the directory
	 * itself use them (docs/decisions/036-directory-use-cases-and-setup-interface.md).
	 */
	@Test
	void onlyTheDepartmentModuleMakesSourceGroups() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackages("org.studygate.department..", "org.studygate.directory..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.studygate.directory.sourcegroups..")
			.because("source groups come and go with the departments the service desk registers");
		rule.check(MAIN);
	}

	/**
	 * Decided access is a type (decision 038): only the decision point makes an
	 * {@link org.studygate.access.Authorized}, and no public method of a module's API
	 * takes a study without the actor to decide for or the access already decided. The
	 * study module (which owns studies) and records (events, views) are left out.
	 */
	@Test
	void decidedAccessIsMadeOnlyByTheDecisionPointAndNoApiTrustsItsCaller() {
		ArchRule made = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors()
			.that()
			.areDeclaredIn(org.studygate.access.Authorized.class)
			.should()
			.onlyBeCalled()
			.byClassesThat()
			.belongToAnyOf(org.studygate.access.AccessControl.class)
			.because("access is decided, logged and refused in one place");
		made.check(MAIN);
		var moduleApi = new com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>(
				"are public classes of a module's base package") {
			@Override
			public boolean test(com.tngtech.archunit.core.domain.JavaClass type) {
				return type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
						&& !type.isRecord() && type.getPackageName().matches("org\\.studygate\\.[a-z]+")
						&& !type.getPackageName().equals("org.studygate.study")
						&& !type.isAssignableTo(AuditableEvent.class);
			}
		};
		var decided = new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>(
				"take an Actor or an Authorized along with a Study") {
			@Override
			public void check(com.tngtech.archunit.core.domain.JavaMethod method,
					com.tngtech.archunit.lang.ConditionEvents events) {
				var types = method.getRawParameterTypes();
				boolean study = types.stream().anyMatch(t -> t.isEquivalentTo(org.studygate.study.Study.class));
				boolean decider = types.stream()
					.anyMatch(t -> t.isEquivalentTo(org.studygate.directory.Actor.class)
							|| t.isEquivalentTo(org.studygate.access.Authorized.class));
				if (study && !decider) {
					events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(method, method.getFullName()
							+ " takes a Study that nobody decided; take an Authorized (or the Actor, and decide)"));
				}
			}
		};
		ArchRule trusted = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
			.that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat(moduleApi)
			.should(decided)
			.because("a method that trusts its caller to have decided takes the decision, not a bare study");
		trusted.check(MAIN);
	}

}
