package org.studygate.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.department.NewDepartment;
import org.studygate.directory.Actor;
import org.studygate.directory.Directory;
import org.studygate.directory.Groups;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Memberships;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.NewGroup;
import org.studygate.directory.NewUser;
import org.studygate.directory.Password;
import org.studygate.directory.UserId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo data set: three departments, twenty physicians in a few practices, two hundred
 * patients and a thousand studies of the last two years, and one login per role. It is
 * drawn from a fixed seed, so every demo looks the same (dates are relative to today),
 * and it goes through the module APIs like a RIS would.
 */
@Service
public class DemoData {

	/** The password of every demo account, the bulk users' included. */
	public static final String PASSWORD = "Demo-pass-1";

	public static final List<String> DEPARTMENT_CODES = List.of("RAD-NORTH", "RAD-SOUTH", "CARDIO-IMG");

	public static final int STUDIES = 1000;

	/**
	 * Patients drawn for the small set; the few that no study happens to pick are never
	 * registered.
	 */
	public static final int PATIENTS = 200;

	/**
	 * The Study Instance UIDs of the small set start with this root (a demo root, not a
	 * real one).
	 */
	public static final String UID_PREFIX = "1.2.826.0.1.3680043.10.1000.";

	static final String DOMAIN = "@demo.studygate.test";

	private static final long SEED = 20_260_611L;

	static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

	private record DemoPhysician(String given, String surname, String practice) {

		String username() {
			return "dr." + surname.toLowerCase(Locale.ROOT).replace(" ", "") + DOMAIN;
		}

	}

	private static final String LINDE = "Groepspraktijk De Linde";

	static final String ZUID = "Huisartsenpraktijk Zuid";

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

	private final DepartmentSetup departmentSetup;

	private final Directory directory;

	private final Groups groups;

	private final DirectorySetup setup;

	private final Memberships memberships;

	private final DemoStudies demoStudies;

	private final DemoAccesses accesses;

	private final ScaleLoader scale;

	private final Clock clock;

	DemoData(Departments departments, DepartmentSetup departmentSetup, Directory directory, Groups groups,
			DirectorySetup setup, DemoStudies demoStudies, DemoAccesses accesses, ScaleLoader scale, Clock clock,
			Memberships memberships) {
		this.departmentSetup = departmentSetup;
		this.groups = groups;
		this.setup = setup;
		this.memberships = memberships;
		this.departments = departments;
		this.directory = directory;
		this.demoStudies = demoStudies;
		this.accesses = accesses;
		this.scale = scale;
		this.clock = clock;
	}

	/** How many demo physicians there are. */
	static int physicians() {
		return PHYSICIANS.size();
	}

	/** The username of the n-th demo physician (0 is Dr Peeters, 1 Dr Janssens). */
	static String physicianUsername(int n) {
		return PHYSICIANS.get(n).username();
	}

	/**
	 * The physician number of the n-th demo physician (0 is Dr Peeters), in the Belgian
	 * RIZIV shape.
	 */
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
				new DemoAccount(PHYSICIANS.get(1).username(), "physician " + physicianNumber(1)
						+ ", no practice; two Radiology North studies are shared with him, two more he unlocked (break-the-glass); an open invitation to "
						+ LINDE, PASSWORD),
				new DemoAccount("practice.admin" + DOMAIN, "group admin of " + LINDE, PASSWORD));
	}

	/**
	 * Loads the small demo set unless its departments exist already, so that a second
	 * call (or a restart) duplicates nothing.
	 * @return whether the set was loaded now
	 */
	@Transactional
	public boolean load() {
		if (departments.find(new DepartmentCode(DEPARTMENT_CODES.get(0))).isPresent()) {
			return false;
		}
		Catalogue catalogue = new Catalogue(new Random(SEED), LocalDate.now(clock.withZone(BRUSSELS)));
		Department north = departmentSetup
			.create(new NewDepartment(new DepartmentCode("RAD-NORTH"), "Radiology North", BRUSSELS));
		Department south = departmentSetup
			.create(new NewDepartment(new DepartmentCode("RAD-SOUTH"), "Radiology South", BRUSSELS));
		Department cardio = departmentSetup
			.create(new NewDepartment(new DepartmentCode("CARDIO-IMG"), "Cardiac Imaging", BRUSSELS));

		user("desk", "Service Desk (demo)", List.of(), true);
		member(sourceGroup(north, GroupKind.SOURCE_ADMINS),
				user("admin.north", "Veerle Admin (Radiology North)", List.of(), false), MembershipRole.MEMBER);
		member(sourceGroup(north, GroupKind.SOURCE_USERS),
				user("user.north", "Stijn Secretariaat (Radiology North)", List.of(), false), MembershipRole.MEMBER);
		member(sourceGroup(south, GroupKind.SOURCE_ADMINS),
				user("admin.south", "Sandrine Admin (Radiology South)", List.of(), false), MembershipRole.MEMBER);

		GroupId linde = setup.createGroup(new NewGroup(GroupKind.PRACTICE, LINDE, "Lindenlaan 12, 2000 Antwerpen",
				"+32 3 555 01 01", "info@linde.demo.studygate.test", true));
		GroupId zuid = setup.createGroup(
				new NewGroup(GroupKind.PRACTICE, ZUID, "Zuidstraat 4, 9000 Gent", "+32 9 555 02 02", null, false));
		GroupId meuse = setup
			.createGroup(new NewGroup(GroupKind.PRACTICE, MEUSE, "Quai de la Meuse 8, 5000 Namur", null, null, false));
		// the demo practices share their members' studies (decision 061)
		List.of(linde, zuid, meuse).forEach(practice -> setup.shareStudies(practice, true));
		GroupId cardiology = setup.createGroup(
				new NewGroup(GroupKind.MEDICAL_DEPARTMENT, CARDIOLOGY, "AZ Noord, campus Sint-Jan", null, null, true));
		UserId practiceAdmin = user("practice.admin", "Griet Vandamme (practice manager)", List.of(), false);
		setup.addMember(linde, practiceAdmin, MembershipRole.ADMIN, true);
		for (int n = 0; n < PHYSICIANS.size(); n++) {
			DemoPhysician physician = PHYSICIANS.get(n);
			UserId id = setup.createUser(new NewUser(physician.username(),
					"Dr " + physician.given() + " " + physician.surname(), new Password(PASSWORD),
					List.of(physicianNumber(n)), physician.username(), null, n % 3 == 2 ? "fr" : "nl", false, false));
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
				// an invitation he has not answered: it counts nowhere until he accepts
				// (docs/product/10-cross-cutting-rules.md)
				memberships.add(directory.actorOf(practiceAdmin).orElseThrow(), linde, id, MembershipRole.MEMBER, false,
						null);
			}
		}

		Actor loader = Actor.systemOperator("demo");
		demoStudies.register(catalogue, List.of(north, south, cardio), loader);
		accesses.give(north, loader);
		return true;
	}

	/**
	 * The demo patient's reference number, delivered as a RIS would (README, "Demo
	 * logins").
	 */
	public static final String PATIENT_CODE = "DEMA2K7M9X";

	/** The Study Instance UID of the demo patient's MR knee. */
	public static final String PATIENT_STUDY_UID = UID_PREFIX + "9001";

	/** The demo patient's birth date. */
	public static final LocalDate PATIENT_BIRTH_DATE = LocalDate.of(1961, 3, 14);

	/**
	 * Adds the large benchmark set on top of the small one (which must be loaded), unless
	 * a bulk set is there already.
	 * @return whether anything was loaded now
	 */
	public boolean loadScale(ScaleSize size) {
		return scale.load(size);
	}

	private UserId user(String login, String name, List<String> numbers, boolean serviceDesk) {
		return setup.createUser(new NewUser(login + DOMAIN, name, new Password(PASSWORD), numbers, null, null, "en",
				false, serviceDesk));
	}

	private GroupId sourceGroup(Department department, GroupKind kind) {
		return groups.sourceGroup(department.id().value(), kind).orElseThrow();
	}

	private void member(GroupId group, UserId user, MembershipRole role) {
		setup.addMember(group, user, role, false);
	}

}
