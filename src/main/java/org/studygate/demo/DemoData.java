package org.studygate.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.studygate.access.GrantOrigin;
import org.studygate.access.GrantScope;
import org.studygate.access.Grants;
import org.studygate.access.NewGrant;
import org.studygate.access.ShareRequest;
import org.studygate.access.Sharing;
import org.studygate.access.SubjectType;
import org.studygate.breakglass.BreakGlass;
import org.studygate.refcode.NewReferenceNumber;
import org.studygate.refcode.ReferenceNumbers;
import org.studygate.breakglass.Candidate;
import org.studygate.breakglass.Unlock;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.department.NewDepartment;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.Memberships;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.NewGroup;
import org.studygate.directory.NewUser;
import org.studygate.directory.Password;
import org.studygate.directory.UserId;
import org.studygate.study.Studies;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;
import org.studygate.study.StudyRegistration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo data set: three departments, twenty physicians in a few practices, two hundred patients
 * and a thousand studies of the last two years, and one login per role. It is drawn from a fixed
 * seed, so every demo looks the same (dates are relative to today), and it goes through the module
 * APIs like a RIS would.
 */
@Service
public class DemoData {

	/** The password of every demo account, the bulk users' included. */
	public static final String PASSWORD = "Demo-pass-1";

	public static final List<String> DEPARTMENT_CODES = List.of("RAD-NORTH", "RAD-SOUTH", "CARDIO-IMG");

	public static final int STUDIES = 1000;

	/** Patients drawn for the small set; the few that no study happens to pick are never registered. */
	public static final int PATIENTS = 200;

	/** The Study Instance UIDs of the small set start with this root (a demo root, not a real one). */
	public static final String UID_PREFIX = "1.2.826.0.1.3680043.10.1000.";

	static final String DOMAIN = "@demo.studygate.test";

	private static final long SEED = 20_260_611L;

	private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private record DemoPhysician(String given, String surname, String practice) {

		String username() {
			return "dr." + surname.toLowerCase(Locale.ROOT).replace(" ", "") + DOMAIN;
		}

	}

	private static final String LINDE = "Groepspraktijk De Linde";

	private static final String ZUID = "Huisartsenpraktijk Zuid";

	private static final String MEUSE = "Cabinet médical de la Meuse";

	private static final String CARDIOLOGY = "Cardiology — AZ Noord";

	private static final List<DemoPhysician> PHYSICIANS = List.of(new DemoPhysician("Hilde", "Peeters", LINDE),
			new DemoPhysician("Koen", "Janssens", null), new DemoPhysician("Pieter", "Claes", LINDE),
			new DemoPhysician("Sofie", "Maes", ZUID), new DemoPhysician("Wim", "Jacobs", ZUID),
			new DemoPhysician("An", "Mertens", ZUID), new DemoPhysician("Bart", "Willems", null),
			new DemoPhysician("Claire", "Dubois", MEUSE), new DemoPhysician("Olivier", "Lambert", MEUSE),
			new DemoPhysician("Isabelle", "Dupont", null), new DemoPhysician("Tom", "Goossens", null),
			new DemoPhysician("Els", "Wouters", CARDIOLOGY), new DemoPhysician("Luc", "Vermeulen", CARDIOLOGY),
			new DemoPhysician("Nathalie", "Leclercq", null), new DemoPhysician("Dirk", "Hermans", null),
			new DemoPhysician("Lotte", "Smets", null), new DemoPhysician("Marc", "Aerts", null),
			new DemoPhysician("Julie", "Renard", null), new DemoPhysician("Jan", "Stevens", null),
			new DemoPhysician("Pierre", "Fontaine", null));

	private final Departments departments;

	private final Directory directory;

	private final Memberships memberships;

	private final Studies studies;

	private final ScaleLoader scale;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Grants grants;

	private final Sharing sharing;

	private final BreakGlass breakGlass;

	private final ReferenceNumbers referenceNumbers;

	DemoData(Departments departments, Directory directory, Studies studies, ScaleLoader scale, JdbcClient jdbc,
			Clock clock, Grants grants, Sharing sharing, BreakGlass breakGlass, ReferenceNumbers referenceNumbers,
			Memberships memberships) {
		this.memberships = memberships;
		this.breakGlass = breakGlass;
		this.referenceNumbers = referenceNumbers;
		this.grants = grants;
		this.sharing = sharing;
		this.departments = departments;
		this.directory = directory;
		this.studies = studies;
		this.scale = scale;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The physician number of the n-th demo physician (0 is Dr Peeters), in the Belgian RIZIV shape. */
	public static String physicianNumber(int n) {
		return String.format("1%05d%02d%03d", 23_456 + 1_009 * n, 10 + n, 3);
	}

	/** The logins a visitor can try, one per role. */
	public List<DemoAccount> accounts() {
		return List.of(new DemoAccount("desk" + DOMAIN, "service desk", PASSWORD),
				new DemoAccount("admin.north" + DOMAIN, "source admin of RAD-NORTH", PASSWORD),
				new DemoAccount("user.north" + DOMAIN, "source user of RAD-NORTH", PASSWORD),
				new DemoAccount("admin.south" + DOMAIN, "source admin of RAD-SOUTH", PASSWORD),
				new DemoAccount(PHYSICIANS.get(0).username(),
						"physician " + physicianNumber(0) + ", in practice " + LINDE + " with Dr Claes", PASSWORD),
				new DemoAccount(PHYSICIANS.get(1).username(), "physician " + physicianNumber(1) + ", no practice; two Radiology North studies are shared with him, two more he unlocked (break-the-glass); an open invitation to " + LINDE,
						PASSWORD),
				new DemoAccount("practice.admin" + DOMAIN, "group admin of " + LINDE, PASSWORD));
	}

	/**
	 * Loads the small demo set unless its departments exist already, so that a second call (or a
	 * restart) duplicates nothing.
	 *
	 * @return whether the set was loaded now
	 */
	@Transactional
	public boolean load() {
		if (departments.find(new DepartmentCode(DEPARTMENT_CODES.get(0))).isPresent()) {
			return false;
		}
		Catalogue catalogue = new Catalogue(new Random(SEED), LocalDate.now(clock.withZone(BRUSSELS)));
		Random random = catalogue.random();
		Department north = departments.create(new NewDepartment(new DepartmentCode("RAD-NORTH"), "Radiology North", BRUSSELS));
		Department south = departments.create(new NewDepartment(new DepartmentCode("RAD-SOUTH"), "Radiology South", BRUSSELS));
		Department cardio = departments.create(new NewDepartment(new DepartmentCode("CARDIO-IMG"), "Cardiac Imaging", BRUSSELS));

		user("desk", "Service Desk (demo)", List.of(), true);
		member(sourceGroup(north, GroupKind.SOURCE_ADMINS), user("admin.north", "Veerle Admin (Radiology North)", List.of(), false), MembershipRole.MEMBER);
		member(sourceGroup(north, GroupKind.SOURCE_USERS), user("user.north", "Stijn Secretariaat (Radiology North)", List.of(), false), MembershipRole.MEMBER);
		member(sourceGroup(south, GroupKind.SOURCE_ADMINS), user("admin.south", "Sandrine Admin (Radiology South)", List.of(), false), MembershipRole.MEMBER);

		GroupId linde = directory.createGroup(new NewGroup(GroupKind.PRACTICE, LINDE, "Lindenlaan 12, 2000 Antwerpen", "+32 3 555 01 01", "info@linde.demo.studygate.test", true));
		GroupId zuid = directory.createGroup(new NewGroup(GroupKind.PRACTICE, ZUID, "Zuidstraat 4, 9000 Gent", "+32 9 555 02 02", null, false));
		GroupId meuse = directory.createGroup(new NewGroup(GroupKind.PRACTICE, MEUSE, "Quai de la Meuse 8, 5000 Namur", null, null, false));
		GroupId cardiology = directory.createGroup(new NewGroup(GroupKind.MEDICAL_DEPARTMENT, CARDIOLOGY, "AZ Noord, campus Sint-Jan", null, null, true));
		UserId practiceAdmin = user("practice.admin", "Griet Vandamme (practice manager)", List.of(), false);
		directory.addMember(linde, practiceAdmin, MembershipRole.ADMIN, true);
		for (int n = 0; n < PHYSICIANS.size(); n++) {
			DemoPhysician physician = PHYSICIANS.get(n);
			UserId id = directory.createUser(new NewUser(physician.username(), "Dr " + physician.given() + " " + physician.surname(),
					new Password(PASSWORD), List.of(physicianNumber(n)), physician.username(), null, n % 3 == 2 ? "fr" : "nl", false, false));
			GroupId group = physician.practice() == null ? null : switch (physician.practice()) {
				case LINDE -> linde;
				case ZUID -> zuid;
				case MEUSE -> meuse;
				default -> cardiology;
			};
			if (group != null) {
				member(group, id, MembershipRole.MEMBER);
			}
			if (n == 1) {
				// an invitation he has not answered: it counts nowhere until he accepts (SPEC §10)
				memberships.add(directory.actorOf(practiceAdmin).orElseThrow(), linde, id, MembershipRole.MEMBER, false,
						null);
			}
		}

		List<Department> homes = List.of(north, south, cardio);
		int[] patientsPerDepartment = { 90, 70, 40 };
		List<List<StudyRegistration.PatientData>> patients = new ArrayList<>();
		int patientNumber = 0;
		for (int d = 0; d < homes.size(); d++) {
			List<StudyRegistration.PatientData> pool = new ArrayList<>();
			for (int p = 0; p < patientsPerDepartment[d]; p++) {
				Catalogue.Person person = catalogue.patient();
				pool.add(new StudyRegistration.PatientData(String.format("DP%05d", ++patientNumber), person.name(),
						person.birthDate(), person.sex(), null, null, null));
			}
			patients.add(pool);
		}
		Actor loader = Actor.systemOperator("demo");
		for (int i = 1; i <= STUDIES; i++) {
			int roll = random.nextInt(100);
			int d = roll < 45 ? 0 : roll < 80 ? 1 : 2;
			Department department = homes.get(d);
			List<StudyRegistration.PatientData> pool = patients.get(d);
			StudyRegistration.PatientData patient = pool.get(random.nextInt(pool.size()));
			Catalogue.Exam exam = catalogue.exam(d == 2);
			StudyRegistration.OrderData order = null;
			if (random.nextInt(100) >= 5) {
				int requester = (int) (PHYSICIANS.size() * Math.pow(random.nextDouble(), 1.5));
				List<String> cc = new ArrayList<>();
				if (random.nextInt(100) < 15) {
					int copied = random.nextInt(PHYSICIANS.size());
					if (copied != requester) {
						cc.add(physicianNumber(copied));
					}
				}
				order = new StudyRegistration.OrderData(String.format("DO%07d", i), physicianNumber(requester), cc);
			}
			String accession = department.code().value().charAt(0) + String.format("%07d", i);
			studies.register(loader, new StudyRegistration(UID_PREFIX + i, accession, department.code().value(),
					catalogue.studyDate(), catalogue.studyTime(), exam.modality(), exam.description(), exam.series(),
					exam.instances(), patient, order));
		}
		cancelSome(random);
		shareSome(north, loader);
		unlockSome(north);
		patientWithCode(north, loader);
		return true;
	}

	/**
	 * Gives the Unlocked section and "Unlocks to review" something to show: Dr Janssens breaks the
	 * glass on two Radiology North studies he has no access to; the admin has reviewed the first.
	 */
	private void unlockSome(Department north) {
		Actor janssens = directory.findUserByUsername(PHYSICIANS.get(1).username())
			.flatMap(u -> directory.actorOf(u.id()))
			.orElseThrow();
		Actor admin = directory.findUserByUsername("admin.north" + DOMAIN).flatMap(u -> directory.actorOf(u.id())).orElseThrow();
		List<Unlock> unlocks = new ArrayList<>();
		for (StudySummary study : studies.search(StudyFilter.none(), StudyCondition.inDepartments(java.util.Set.of(
				north.id().value())).and(StudyCondition.notCancelled()), null, 40)) {
			if (unlocks.size() == 2) {
				break;
			}
			List<Candidate> offered = breakGlass.search(janssens, study.patientId(), study.patientBirthDate());
			if (offered.stream().anyMatch(c -> c.studyId().equals(study.id()))) {
				unlocks.add(breakGlass.unlock(janssens, study.id(), unlocks.isEmpty() ? "ETREAT" : "TREAT", unlocks.isEmpty()
						? "Patient brought in unconscious to the emergency department, previous CT needed"
						: "Seen at the weekend on call; the referring colleague cannot be reached"));
			}
		}
		if (!unlocks.isEmpty()) {
			breakGlass.review(admin, unlocks.get(0).id(), "JUSTIFIED", "Confirmed with the emergency department");
		}
	}

	/** The demo patient's reference number, delivered as a RIS would (README, "Demo logins"). */
	public static final String PATIENT_CODE = "DEMA2K7M9X";

	/** The demo patient's birth date. */
	public static final LocalDate PATIENT_BIRTH_DATE = LocalDate.of(1961, 3, 14);

	/**
	 * Gives the patient portal someone to sign in: a Radiology North study of the demo patient whose
	 * reference number (a fixed, documented demo code) opens it with the birth date alone.
	 */
	private void patientWithCode(Department north, Actor loader) {
		StudyId study = studies.register(loader, new StudyRegistration(UID_PREFIX + "9001", "DEMO-PATIENT-1",
				north.code().value(), LocalDate.now(clock.withZone(BRUSSELS)).minusDays(1), null, "MR", "MR knee left", 3,
				96, new StudyRegistration.PatientData("DP09001", "Demo^Patient", PATIENT_BIRTH_DATE, "F", null,
						"+32470000000", "demo.patient" + DOMAIN),
				null)).id();
		referenceNumbers.add(loader, study, new NewReferenceNumber(PATIENT_CODE, null, null));
	}

	/**
	 * Gives the Access tab of Radiology North's newest studies of Dr Peeters something to show: a
	 * personal grant to Dr Janssens (may share), a share with a practice, and an expired grant.
	 */
	private void shareSome(Department north, Actor loader) {
		Actor admin = directory.findUserByUsername("admin.north" + DOMAIN).flatMap(u -> directory.actorOf(u.id())).orElseThrow();
		List<StudyId> newest = studies.search(StudyFilter.none(),
				StudyCondition.inDepartments(java.util.Set.of(north.id().value()))
					.and(StudyCondition.requestedByOrCopiedTo(java.util.Set.of(physicianNumber(0))))
					.and(StudyCondition.notCancelled()), null, 2).stream().map(StudySummary::id).toList();
		UserId janssens = directory.findUserByUsername(PHYSICIANS.get(1).username()).orElseThrow().id();
		UserId third = directory.findUserByUsername(PHYSICIANS.get(2).username()).orElseThrow().id();
		GroupId zuid = directory.searchGroups(ZUID, java.util.Set.of(GroupKind.PRACTICE), 1).get(0).id();
		Instant now = clock.instant();
		for (StudyId study : newest) {
			grants.grant(admin, study, new NewGrant(SubjectType.USER, janssens.value(), GrantScope.IMAGES_REPORT_READ, true,
					false, null, now.plus(Duration.ofDays(30)), GrantOrigin.RULE));
			// a grant that ran out: history only the application itself may record
			grants.grant(loader, study, new NewGrant(SubjectType.USER, third.value(), GrantScope.IMAGES, false, false,
					now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(10)), GrantOrigin.SHARE));
		}
		sharing.share(admin, new ShareRequest(newest,
				List.of(new ShareRequest.Recipient(ShareRequest.RecipientType.GROUP, zuid.value())), GrantScope.IMAGES, false,
				null, "Second opinion, please.", false));
	}

	/**
	 * Cancels ten demo studies so that the rule "cancelled studies only for source admins" can be
	 * seen. There is no cancel capability in the study API yet, so the loader flags them itself.
	 */
	private void cancelSome(Random random) {
		List<String> uids = new ArrayList<>();
		for (int n = 0; n < 10; n++) {
			uids.add(UID_PREFIX + (1 + random.nextInt(STUDIES)));
		}
		jdbc.sql("update study.study set cancelled = true where study_instance_uid in (:uids)").param("uids", uids).update();
	}

	/**
	 * Adds the large benchmark set on top of the small one (which must be loaded), unless a bulk set
	 * is there already.
	 *
	 * @return whether anything was loaded now
	 */
	public boolean loadScale(ScaleSize size) {
		return scale.load(size);
	}

	private UserId user(String login, String name, List<String> numbers, boolean serviceDesk) {
		return directory.createUser(new NewUser(login + DOMAIN, name, new Password(PASSWORD), numbers, null, null, "en",
				false, serviceDesk));
	}

	private GroupId sourceGroup(Department department, GroupKind kind) {
		return directory.sourceGroup(department.id().value(), kind).orElseThrow();
	}

	private void member(GroupId group, UserId user, MembershipRole role) {
		directory.addMember(group, user, role, false);
	}

}
