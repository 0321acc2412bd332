package org.studygate.study;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StudyConditionTests {

	@Test
	void nothingOrAnythingSimplifiesAway() {
		StudyCondition some = StudyCondition.of("s.cancelled");
		assertThat(StudyCondition.never().or(some)).isSameAs(some);
		assertThat(some.or(StudyCondition.always()).isAlways()).isTrue();
		assertThat(StudyCondition.always().and(some)).isSameAs(some);
		assertThat(some.and(StudyCondition.never()).isNever()).isTrue();
		assertThat(StudyCondition.inDepartments(Set.of()).isNever()).isTrue();
		assertThat(StudyCondition.requestedByOrCopiedTo(Set.of()).isNever()).isTrue();
	}

	@Test
	void keepsParametersInTheOrderOfTheirPlaceholders() {
		UUID north = UUID.randomUUID();
		StudyCondition condition = StudyCondition.inDepartments(List.of(north))
			.or(StudyCondition.requestedByOrCopiedTo(List.of("PN1")))
			.and(StudyCondition.notCancelled());

		assertThat(condition.sql()).isEqualTo("((s.department_id = ?) or (s.id = any(array(select sp.study_id "
				+ "from study.study_physician sp where sp.physician_number = any(?))))) and (not s.cancelled)");
		assertThat(condition.parameters()).hasSize(2);
		assertThat(condition.parameters().get(0)).isEqualTo(north);
		assertThat((String[]) condition.parameters().get(1)).containsExactly("PN1");
	}

	@Test
	void keepsEachWayInAsABranchAndAddsAPlainConditionToEach() {
		UUID north = UUID.randomUUID();
		StudyCondition condition = StudyCondition.inDepartments(List.of(north))
			.or(StudyCondition.requestedByOrCopiedTo(List.of("PN1")))
			.and(StudyCondition.notCancelled());

		assertThat(condition.branches()).hasSize(2);
		StudyCondition.Branch department = condition.branches().get(0);
		assertThat(department.source()).isNull();
		assertThat(department.sql()).isEqualTo("(s.department_id = ?) and (not s.cancelled)");
		assertThat(department.parameters()).containsExactly(north);
		StudyCondition.Branch physician = condition.branches().get(1);
		assertThat(physician.source()).endsWith("study.study_physician sp where sp.physician_number = ?");
		assertThat(physician.sourceParameters()).containsExactly("PN1");
		StudyCondition.Branch practice = StudyCondition.requestedByOrCopiedTo(List.of("PN1", "PN2")).branches().get(0);
		assertThat(practice.source()).endsWith("study.study_physician sp where sp.physician_number = any(?)");
		assertThat((String[]) practice.sourceParameters().get(0)).containsExactly("PN1", "PN2");
		assertThat(physician.sql()).isEqualTo("not s.cancelled");
		assertThat(physician.parameters()).isEmpty();
	}

	@Test
	void twoConditionsOfSeveralBranchesEachBecomeOneBranchOfTheWhole() {
		StudyCondition left = StudyCondition.of("s.cancelled").or(StudyCondition.requestedByOrCopiedTo(List.of("PN1")));
		StudyCondition right = StudyCondition.of("s.id = ?", UUID.randomUUID())
			.or(StudyCondition.requestedByOrCopiedTo(List.of("PN2")));

		StudyCondition both = left.and(right);

		assertThat(both.branches()).hasSize(1);
		assertThat(both.branches().get(0).source()).isNull();
		assertThat(both.branches().get(0).sql()).isEqualTo(both.sql());
		assertThat(both.branches().get(0).parameters()).isEqualTo(both.parameters());
	}

}
