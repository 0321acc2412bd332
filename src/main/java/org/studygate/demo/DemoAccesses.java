package org.studygate.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.ShareRequest;
import org.studygate.access.Sharing;
import org.studygate.access.SubjectType;
import org.studygate.breakglass.BreakGlass;
import org.studygate.breakglass.Candidate;
import org.studygate.breakglass.Unlock;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.Groups;
import org.studygate.directory.Users;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.UserId;
import org.studygate.refcode.NewReferenceNumber;
import org.studygate.refcode.ReferenceNumbers;
import org.studygate.study.Registrations;
import org.studygate.study.Studies;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;
import org.studygate.study.StudySummary;

import org.springframework.stereotype.Component;

/**
 * The accesses of the small demo set, given through the module APIs once its people and
 * studies are there: grants and a share on Radiology North studies, two unlocks by
 * break-the-glass (one reviewed), and the demo patient with a reference number.
 */
@Component
class DemoAccesses {

	private final Directory directory;

	private final Studies studies;

	private final Registrations registrations;

	private final Users users;

	private final Groups groups;

	private final Grants grants;

	private final Sharing sharing;

	private final BreakGlass breakGlass;

	private final ReferenceNumbers referenceNumbers;

	private final Clock clock;

	DemoAccesses(Directory directory, Users users, Groups groups, Studies studies, Registrations registrations,
			Grants grants, Sharing sharing, BreakGlass breakGlass, ReferenceNumbers referenceNumbers, Clock clock) {
		this.users = users;
		this.groups = groups;
		this.registrations = registrations;
		this.directory = directory;
		this.studies = studies;
		this.grants = grants;
		this.sharing = sharing;
		this.breakGlass = breakGlass;
		this.referenceNumbers = referenceNumbers;
		this.clock = clock;
	}

	/** Gives every access of the set, in Radiology North. */
	void give(Department north, Actor loader) {
		shareSome(north, loader);
		unlockSome(north);
		patientWithCode(north, loader);
	}

	/**
	 * Gives the Access tab of Radiology North's newest studies of Dr Peeters something to
	 * show: a personal grant to Dr Janssens (may share), a share with a practice, and an
	 * expired grant.
	 */
	private void shareSome(Department north, Actor loader) {
		Actor admin = actor("admin.north" + DemoData.DOMAIN);
		List<StudyId> newest = studies
			.search(StudyFilter.none(),
					StudyCondition.inDepartments(Set.of(north.id().value()))
						.and(StudyCondition.requestedByOrCopiedTo(Set.of(DemoData.physicianNumber(0))))
						.and(StudyCondition.notCancelled()),
					null, 2)
			.stream()
			.map(StudySummary::id)
			.toList();
		UserId janssens = users.findByUsername(DemoData.physicianUsername(1)).orElseThrow().id();
		UserId third = users.findByUsername(DemoData.physicianUsername(2)).orElseThrow().id();
		GroupId zuid = groups.search(DemoData.ZUID, Set.of(GroupKind.PRACTICE), 1).get(0).id();
		Instant now = clock.instant();
		for (StudyId study : newest) {
			grants.grant(admin, study, new NewGrant(SubjectType.USER, janssens.value(), GrantScope.IMAGES_REPORT_READ,
					true, false, null, now.plus(Duration.ofDays(30)), GrantOrigin.RULE));
			// a grant that ran out: history only the application itself may record
			grants.grant(loader, study, new NewGrant(SubjectType.USER, third.value(), GrantScope.IMAGES, false, false,
					now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(10)), GrantOrigin.SHARE));
		}
		sharing.share(admin,
				new ShareRequest(newest,
						List.of(new ShareRequest.Recipient(ShareRequest.RecipientType.GROUP, zuid.value())),
						GrantScope.IMAGES, false, null, "Second opinion, please.", false));
	}

	/**
	 * Gives the Unlocked section and "Unlocks to review" something to show: Dr Janssens
	 * breaks the glass on two Radiology North studies he has no access to; the admin has
	 * reviewed the first.
	 */
	private void unlockSome(Department north) {
		Actor janssens = actor(DemoData.physicianUsername(1));
		Actor admin = actor("admin.north" + DemoData.DOMAIN);
		List<Unlock> unlocks = new ArrayList<>();
		for (StudySummary study : studies.search(StudyFilter.none(),
				StudyCondition.inDepartments(Set.of(north.id().value())).and(StudyCondition.notCancelled()), null,
				40)) {
			if (unlocks.size() == 2) {
				break;
			}
			List<Candidate> offered = breakGlass.search(janssens, study.patientId(), study.patientBirthDate());
			if (offered.stream().anyMatch(c -> c.studyId().equals(study.id()))) {
				unlocks.add(breakGlass.unlock(janssens, study.id(), unlocks.isEmpty() ? "ETREAT" : "TREAT",
						unlocks.isEmpty()
								? "Patient brought in unconscious to the emergency department, previous CT needed"
								: "Seen at the weekend on call; the referring colleague cannot be reached"));
			}
		}
		if (!unlocks.isEmpty()) {
			breakGlass.review(admin, unlocks.get(0).id(), "JUSTIFIED", "Confirmed with the emergency department");
		}
	}

	/**
	 * Gives the patient portal someone to sign in: a Radiology North study of the demo
	 * patient whose reference number (a fixed, documented demo code) opens it with the
	 * birth date alone.
	 */
	private void patientWithCode(Department north, Actor loader) {
		StudyId study = registrations
			.register(loader, new StudyRegistration(DemoData.PATIENT_STUDY_UID, "DEMO-PATIENT-1", north.code().value(),
					LocalDate.now(clock.withZone(DemoData.BRUSSELS)).minusDays(1), null, "MR", "MR knee left", 3, 96,
					new StudyRegistration.PatientData("DP09001", "Demo^Patient", DemoData.PATIENT_BIRTH_DATE, "F", null,
							"+32470000000", "demo.patient" + DemoData.DOMAIN),
					null))
			.id();
		referenceNumbers.add(loader, study, new NewReferenceNumber(DemoData.PATIENT_CODE, null, null));
	}

	private Actor actor(String username) {
		return users.findByUsername(username).flatMap(u -> directory.actorOf(u.id())).orElseThrow();
	}

}
