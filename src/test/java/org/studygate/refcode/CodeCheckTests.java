package org.studygate.refcode;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.studygate.refcode.CodeCheck.Accepted;
import org.studygate.refcode.CodeCheck.Facts;
import org.studygate.refcode.CodeCheck.Refusal;
import org.studygate.refcode.CodeCheck.Refused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first step's policy on its own, without Spring or a database: each thing that can
 * be wrong refuses with its own reason, the first wrong thing wins, and the reasons are
 * the words the access log has always kept (decision 039).
 */
class CodeCheckTests {

	static final Instant NOW = Instant.parse("2026-06-11T10:00:00Z");

	/** A code that opens a sign-in on the general page. */
	static Facts good() {
		return new Facts(true, true, true, ReferenceNumberState.ACTIVE, NOW.minus(Duration.ofDays(1)),
				NOW.plus(Duration.ofDays(1)), true, "RAD-NORTH", null);
	}

	static Facts with(Facts f, Boolean found, Boolean codeMatches, Boolean birthDateMatches, ReferenceNumberState state,
			Boolean compliant, String branded) {
		return new Facts(found == null ? f.found() : found, codeMatches == null ? f.codeMatches() : codeMatches,
				birthDateMatches == null ? f.birthDateMatches() : birthDateMatches, state == null ? f.state() : state,
				f.validFrom(), f.validTo(), compliant == null ? f.compliant() : compliant, f.codeDepartment(),
				branded == null ? f.brandedDepartment() : branded);
	}

	static Refusal refusal(Facts facts) {
		CodeCheck.Outcome outcome = CodeCheck.decide(facts, NOW);
		assertThat(outcome).isInstanceOf(Refused.class);
		return ((Refused) outcome).refusal();
	}

	@Test
	void aRightCodeInForceIsAccepted() {
		assertThat(CodeCheck.decide(good(), NOW)).isInstanceOf(Accepted.class);
		assertThat(CodeCheck
			.decide(new Facts(true, true, true, ReferenceNumberState.ACTIVE, null, null, true, "RAD-NORTH", null), NOW))
			.as("no limits at all")
			.isInstanceOf(Accepted.class);
	}

	@Test
	void anUnknownCodeOrOneWhoseStoredCodeDiffersIsUnknown() {
		assertThat(refusal(with(good(), false, null, null, null, null, null))).isEqualTo(Refusal.UNKNOWN_CODE);
		assertThat(refusal(with(good(), null, false, null, null, null, null))).isEqualTo(Refusal.UNKNOWN_CODE);
	}

	@Test
	void aWrongBirthDateIsRefusedAsSuch() {
		assertThat(refusal(with(good(), null, null, false, null, null, null))).isEqualTo(Refusal.WRONG_BIRTH_DATE);
	}

	@Test
	void aCodeNoLongerActiveIsRefusedForItsState() {
		assertThat(refusal(with(good(), null, null, null, ReferenceNumberState.WITHDRAWN, null, null)))
			.isEqualTo(Refusal.WITHDRAWN);
		assertThat(refusal(with(good(), null, null, null, ReferenceNumberState.SUPERSEDED, null, null)))
			.isEqualTo(Refusal.SUPERSEDED);
		assertThat(refusal(with(good(), null, null, null, ReferenceNumberState.BLOCKED, null, null)))
			.isEqualTo(Refusal.BLOCKED);
		assertThatThrownBy(() -> Refusal.of(ReferenceNumberState.ACTIVE)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aCodeIsInForceFromItsFirstInstantUntilJustBeforeItsEnd() {
		Facts early = new Facts(true, true, true, ReferenceNumberState.ACTIVE, NOW.plusSeconds(1), null, true,
				"RAD-NORTH", null);
		Facts startsNow = new Facts(true, true, true, ReferenceNumberState.ACTIVE, NOW, null, true, "RAD-NORTH", null);
		Facts endsNow = new Facts(true, true, true, ReferenceNumberState.ACTIVE, null, NOW, true, "RAD-NORTH", null);
		Facts endsLater = new Facts(true, true, true, ReferenceNumberState.ACTIVE, null, NOW.plusSeconds(1), true,
				"RAD-NORTH", null);

		assertThat(refusal(early)).isEqualTo(Refusal.NOT_YET_VALID);
		assertThat(CodeCheck.decide(startsNow, NOW)).isInstanceOf(Accepted.class);
		assertThat(refusal(endsNow)).isEqualTo(Refusal.EXPIRED);
		assertThat(CodeCheck.decide(endsLater, NOW)).isInstanceOf(Accepted.class);
	}

	@Test
	void aCodeTheCurrentPolicyNoLongerAllowsIsNonCompliant() {
		assertThat(refusal(with(good(), null, null, null, null, false, null))).isEqualTo(Refusal.NON_COMPLIANT);
	}

	@Test
	void onABrandedPageOnlyThatDepartmentsCodesOpen() {
		assertThat(CodeCheck.decide(with(good(), null, null, null, null, null, " rad-north "), NOW))
			.as("the department code is compared without case and surrounding spaces")
			.isInstanceOf(Accepted.class);
		assertThat(refusal(with(good(), null, null, null, null, null, "RAD-SOUTH")))
			.isEqualTo(Refusal.ANOTHER_DEPARTMENT);
		Facts withoutDepartment = new Facts(true, true, true, ReferenceNumberState.ACTIVE, null, null, true, null,
				"RAD-NORTH");
		assertThat(refusal(withoutDepartment)).isEqualTo(Refusal.ANOTHER_DEPARTMENT);
	}

	@Test
	void theFirstThingWrongIsTheReason() {
		Facts everythingWrong = new Facts(false, false, false, ReferenceNumberState.BLOCKED, NOW.plusSeconds(60),
				NOW.minusSeconds(60), false, "RAD-SOUTH", "RAD-NORTH");
		assertThat(refusal(everythingWrong)).isEqualTo(Refusal.UNKNOWN_CODE);
		assertThat(refusal(with(everythingWrong, true, true, null, null, null, null)))
			.isEqualTo(Refusal.WRONG_BIRTH_DATE);
		assertThat(refusal(with(everythingWrong, true, true, true, null, null, null))).isEqualTo(Refusal.BLOCKED);
		Facts active = with(everythingWrong, true, true, true, ReferenceNumberState.ACTIVE, null, null);
		assertThat(refusal(active)).isEqualTo(Refusal.NOT_YET_VALID);
		Facts started = new Facts(true, true, true, ReferenceNumberState.ACTIVE, null, NOW.minusSeconds(60), false,
				"RAD-SOUTH", "RAD-NORTH");
		assertThat(refusal(started)).isEqualTo(Refusal.EXPIRED);
		Facts inForce = new Facts(true, true, true, ReferenceNumberState.ACTIVE, null, null, false, "RAD-SOUTH",
				"RAD-NORTH");
		assertThat(refusal(inForce)).isEqualTo(Refusal.NON_COMPLIANT);
	}

	@Test
	void theReasonsAreTheWordsTheLogKeeps() {
		Set<String> logged = Arrays.stream(Refusal.values()).map(Refusal::logged).collect(Collectors.toSet());
		assertThat(logged).containsExactlyInAnyOrder("throttled", "unknown code", "wrong birth date", "withdrawn code",
				"superseded code", "blocked code", "not yet valid", "expired", "non-compliant code",
				"another department's code", "results not available yet", "a bucket's code cannot be claimed");
	}

}
