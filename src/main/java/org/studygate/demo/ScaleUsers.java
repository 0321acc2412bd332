package org.studygate.demo;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.department.Department;
import org.studygate.directory.Groups;
import org.studygate.directory.GroupKind;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The bulk users of the benchmark set, written with {@code COPY}: half physicians, 40% of
 * them in practices of two to five; the other half staff, the first ones in the demo
 * departments' source groups, most of the rest in medical departments of fifty.
 */
@Component
class ScaleUsers {

	private static final Logger log = LoggerFactory.getLogger(ScaleUsers.class);

	private static final int SOURCE_USERS = 900;

	private static final int SOURCE_ADMINS = 90;

	private static final int MEDICAL_DEPARTMENT_SIZE = 50;

	private final Groups sourceGroups;

	private final PasswordEncoder passwords;

	private final Clock clock;

	ScaleUsers(Groups sourceGroups, PasswordEncoder passwords, Clock clock) {
		this.sourceGroups = sourceGroups;
		this.passwords = passwords;
		this.clock = clock;
	}

	void load(CopyManager copy, ScaleSize size, List<Department> demo) throws SQLException, IOException {
		Catalogue catalogue = new Catalogue(new Random(ScaleLoader.SEED), ScaleLoader.today(clock));
		Random random = catalogue.random();
		String now = clock.instant().toString();
		// One Argon2 hash shared by every bulk user: hashing 100,000 passwords one by one
		// would take
		// over an hour, and the bulk users all log in with the demo password anyway.
		String hash = passwords.encode(DemoData.PASSWORD);
		int physicians = ScaleLoader.physicians(size);
		int staff = size.users() - physicians;
		UUID[] physicianIds = new UUID[physicians];
		UUID[] staffIds = new UUID[staff];

		CopyRows accounts = new CopyRows();
		CopyRows numbers = new CopyRows();
		for (int rank = 1; rank <= physicians; rank++) {
			UUID id = catalogue.uuid();
			physicianIds[rank - 1] = id;
			accounts.row(id, ScaleLoader.physicianUsername(rank), catalogue.physicianName(),
					random.nextInt(3) == 0 ? "fr" : "nl", hash, now);
			numbers.row(ScaleLoader.physicianNumber(rank), id);
		}
		for (int n = 1; n <= staff; n++) {
			UUID id = catalogue.uuid();
			staffIds[n - 1] = id;
			boolean female = random.nextBoolean();
			accounts.row(id, String.format("staff.%06d", n) + ScaleLoader.DOMAIN,
					catalogue.givenName(female) + " " + catalogue.surname(), "nl", hash, now);
		}
		accounts.copyInto(copy,
				"directory.user_account (id, username, display_name, language, password_hash, created_at)");
		numbers.copyInto(copy, "directory.physician_number (number, user_id)");

		CopyRows groups = new CopyRows();
		CopyRows members = new CopyRows();
		int[] order = permutation(physicians, random);
		int inPractice = physicians * 2 / 5;
		int practice = 0;
		for (int at = 0; at + 1 < inPractice;) {
			int groupSize = Math.min(2 + random.nextInt(4), inPractice - at);
			UUID group = catalogue.uuid();
			groups.row(group, "PRACTICE", "Praktijk " + catalogue.surname() + " " + (++practice), now, true);
			for (int m = 0; m < groupSize; m++) {
				members.row(group, physicianIds[order[at + m]], m == 0 ? "ADMIN" : "MEMBER", m == 0, now);
			}
			at += groupSize;
		}
		int sourceUsers = Math.min(SOURCE_USERS, staff);
		int sourceAdmins = Math.min(SOURCE_ADMINS, staff - sourceUsers);
		for (int n = 0; n < sourceUsers + sourceAdmins; n++) {
			GroupKind kind = n < sourceUsers ? GroupKind.SOURCE_USERS : GroupKind.SOURCE_ADMINS;
			UUID group = sourceGroups.sourceGroup(demo.get(n % demo.size()).id().value(), kind).orElseThrow().value();
			members.row(group, staffIds[n], "MEMBER", false, now);
		}
		UUID medical = null;
		for (int n = sourceUsers + sourceAdmins; n < staff; n++) {
			int index = n - sourceUsers - sourceAdmins;
			if (index % MEDICAL_DEPARTMENT_SIZE == 0) {
				medical = catalogue.uuid();
				groups.row(medical, "MEDICAL_DEPARTMENT", "Medical department " + (index / MEDICAL_DEPARTMENT_SIZE + 1),
						now, false);
			}
			if (random.nextInt(10) < 8) {
				members.row(medical, staffIds[n], index % MEDICAL_DEPARTMENT_SIZE == 0 ? "ADMIN" : "MEMBER", false,
						now);
			}
		}
		groups.copyInto(copy, "directory.user_group (id, kind, name, created_at, members_share_studies)");
		members.copyInto(copy, "directory.group_membership (group_id, user_id, role, primary_contact, confirmed_at)");
		log.info("Loaded {} bulk users ({} physicians, {} practices).", size.users(), physicians, practice);
	}

	private static int[] permutation(int size, Random random) {
		int[] order = new int[size];
		for (int i = 0; i < size; i++) {
			order[i] = i;
		}
		for (int i = size - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

}
