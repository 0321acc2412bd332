package org.studygate;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.studygate.department.Department;
import org.studygate.department.NewDepartment;
import org.studygate.department.setup.DepartmentSetup;
import org.studygate.directory.Actor;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.Directory;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Groups;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.NewGroup;
import org.studygate.directory.NewUser;
import org.studygate.directory.Password;
import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserId;
import org.studygate.directory.Users;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;
import org.studygate.study.StudyRegistration;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Builds a small hospital for a test: departments, physicians, practices and studies,
 * each with names unique to the test run so that tests sharing the database stay apart.
 */
@Component
public class Fixtures {

	public static final String PASSWORD = "Secret-pass-1";

	private static final AtomicInteger sequence = new AtomicInteger();

	private final DepartmentSetup departments;

	private final Directory directory;

	private final Users users;

	private final Groups groups;

	private final DirectorySetup setup;

	private final Registrations registrations;

	private final java.time.Clock clock;

	private final ApiTokens tokens;

	Fixtures(DepartmentSetup departments, Directory directory, Users users, Groups groups, DirectorySetup setup,
			Registrations registrations, java.time.Clock clock, ApiTokens tokens) {
		this.departments = departments;
		this.directory = directory;
		this.users = users;
		this.groups = groups;
		this.setup = setup;
		this.registrations = registrations;
		this.clock = clock;
		this.tokens = tokens;
	}

	/**
	 * The user signed in to the pages, for {@code authentication(...)} of a page request.
	 */
	public UsernamePasswordAuthenticationToken signedIn(UserId user) {
		return UsernamePasswordAuthenticationToken.authenticated(new StaffPrincipal(user, usernameOf(user)), null,
				List.of());
	}

	/** An {@code Authorization} header value for the user, with a fresh bearer token. */
	public String bearer(UserId user) {
		return "Bearer " + tokens.issue(user).token();
	}

	/** The application's clock. */
	public java.time.Clock clock() {
		return clock;
	}

	/** A unique suffix for names in one test. */
	public static String unique() {
		return Integer.toString(sequence.incrementAndGet())
				+ UUID.randomUUID().toString().substring(0, 6).toUpperCase();
	}

	public Department department(String name) {
		return departments.create(NewDepartment.of("D" + unique(), name, "Europe/Brussels"));
	}

	public UserId user(String name) {
		return setup.createUser(
				new NewUser(username(name), name, new Password(PASSWORD), List.of(), null, null, "en", false, false));
	}

	public UserId physician(String name, String physicianNumber) {
		return setup.createUser(new NewUser(username(name), name, new Password(PASSWORD), List.of(physicianNumber),
				null, null, "en", false, false));
	}

	public UserId serviceDesk(String name) {
		return setup.createUser(
				new NewUser(username(name), name, new Password(PASSWORD), List.of(), null, null, "en", false, true));
	}

	public String username(String name) {
		return name.toLowerCase().replaceAll("[^a-z]", "") + "." + unique().toLowerCase() + "@test.example";
	}

	public String usernameOf(UserId user) {
		return users.find(user).orElseThrow().username();
	}

	/** A physician number unique to this run. */
	public static String physicianNumber() {
		return "PN" + unique();
	}

	public UserId sourceAdmin(Department department, String name) {
		UserId user = user(name);
		setup.addMember(groups.sourceGroup(department.id().value(), GroupKind.SOURCE_ADMINS).orElseThrow(), user,
				MembershipRole.MEMBER, false);
		return user;
	}

	public UserId sourceUser(Department department, String name) {
		UserId user = user(name);
		setup.addMember(groups.sourceGroup(department.id().value(), GroupKind.SOURCE_USERS).orElseThrow(), user,
				MembershipRole.MEMBER, false);
		return user;
	}

	/**
	 * A practice whose members see each other's studies (a new practice's setting is off:
	 * decision 061), with these members.
	 */
	public GroupId practice(String name, UserId... members) {
		GroupId group = setup
			.createGroup(new NewGroup(GroupKind.PRACTICE, name + " " + unique(), null, null, null, false));
		setup.shareStudies(group, true);
		for (UserId member : members) {
			setup.addMember(group, member, MembershipRole.MEMBER, false);
		}
		return group;
	}

	public void join(GroupId group, UserId user) {
		setup.addMember(group, user, MembershipRole.MEMBER, false);
	}

	public void leave(GroupId group, UserId user) {
		setup.removeMember(group, user);
	}

	public Actor actor(UserId user) {
		return directory.actorOf(user).orElseThrow();
	}

	/**
	 * Registers a study of the department as its RIS would, with the service desk's
	 * rights.
	 */
	public StudyId study(Department department, String patientName, LocalDate date, String requesterNumber,
			String... ccNumbers) {
		String uid = "1.2.826.0.1." + Math.abs(UUID.randomUUID().getMostSignificantBits());
		StudyRegistration registration = new StudyRegistration(uid, "A" + (unique() + "0000000").substring(0, 8),
				department.code().value(), date, null, "CT", "CT thorax", 2, 120,
				new StudyRegistration.PatientData("PAT" + unique(), patientName, LocalDate.of(1970, 5, 17), "F", null,
						null, null),
				requesterNumber == null ? null
						: new StudyRegistration.OrderData("ORD" + unique(), requesterNumber, List.of(ccNumbers)));
		return registrations.register(Actor.systemOperator("fixtures"), registration).id();
	}

}
