package org.studygate.access;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.studygate.Fixtures;
import org.studygate.StudygateTest;
import org.studygate.department.Department;
import org.studygate.directory.Actor;
import org.studygate.directory.GroupId;
import org.studygate.directory.UserId;
import org.studygate.directory.setup.DirectorySetup;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No sequence of grants, withdrawals, group joins and leaves and clock moves lets a user
 * LIST or VIEW a study without a grant in force now: after every step, the real decision
 * point (every path, at the model's instant) and the real list condition (its SQL, run on
 * the database) agree with an independent model of the grants, for every user and study,
 * a cancelled study included.
 */
class GrantSequencePropertyTests {

	/**
	 * Borrows the test run's Spring context (the one every {@code @StudygateTest} class
	 * shares).
	 */
	@StudygateTest
	static class SpringHolder {

	}

	private static ApplicationContext context;

	private static final int USERS = 3;

	private static final int GROUPS = 2;

	private static List<UserId> users;

	private static List<GroupId> groups;

	private static Department department;

	private Fixtures fixtures;

	private Grants grants;

	private AccessControl access;

	private DirectorySetup setup;

	private Studies studies;

	private JdbcClient jdbc;

	sealed interface Step permits Give, Withdraw, Join, Leave, Move {

	}

	/**
	 * A grant to user or group {@code subject} on study {@code study}, times in hours
	 * from the model's now.
	 */
	record Give(boolean toGroup, int subject, int study, Integer fromHours, Integer untilHours) implements Step {

	}

	record Withdraw(int index) implements Step {

	}

	record Join(int user, int group) implements Step {

	}

	record Leave(int user, int group) implements Step {

	}

	record Move(int hours) implements Step {

	}

	/**
	 * The model's grant: the merged validity of the live grant of one subject on one
	 * study.
	 */
	record Live(GrantId id, Instant from, Instant until) {

		boolean inForceAt(Instant now) {
			return (from == null || !now.isBefore(from)) && (until == null || now.isBefore(until));
		}

	}

	record Key(int study, boolean toGroup, int subject) {

	}

	@BeforeProperty
	void beans() throws Exception {
		if (context == null) {
			context = new TestContextManager(SpringHolder.class).getTestContext().getApplicationContext();
		}
		fixtures = context.getBean(Fixtures.class);
		grants = context.getBean(Grants.class);
		access = context.getBean(AccessControl.class);
		setup = context.getBean(DirectorySetup.class);
		studies = context.getBean(Studies.class);
		jdbc = context.getBean(JdbcClient.class);
		if (users == null) {
			department = fixtures.department("Radiology Property");
			users = new ArrayList<>();
			for (int i = 0; i < USERS; i++) {
				users.add(fixtures.user("Property User " + i));
			}
			groups = new ArrayList<>();
			for (int i = 0; i < GROUPS; i++) {
				groups.add(fixtures.practice("Property Practice " + i));
			}
		}
	}

	@Property(tries = 100)
	void noUserListsOrViewsAStudyWithoutAGrantInForce(@ForAll("sequences") List<Step> steps) {
		for (GroupId group : groups) {
			for (UserId user : users) {
				setup.removeMember(group, user);
			}
		}
		List<StudyId> ids = List.of(fixtures.study(department, "Prop^Erty", LocalDate.of(2026, 1, 1), null),
				fixtures.study(department, "Prop^Erty", LocalDate.of(2026, 1, 2), null));
		jdbc.sql("update study.study set cancelled = true where id = :id").param("id", ids.get(1).value()).update();
		Instant now = Instant.now(fixtures.clock()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		Map<Key, Live> live = new LinkedHashMap<>();
		Set<String> memberships = new HashSet<>();
		Actor desk = Actor.systemOperator("property");

		for (Step step : steps) {
			if (step instanceof Give g) {
				Instant from = g.fromHours() == null ? null : now.plus(Duration.ofHours(g.fromHours()));
				Instant until = g.untilHours() == null ? null : now.plus(Duration.ofHours(g.untilHours()));
				if (from != null && until != null && !from.isBefore(until)) {
					continue;
				}
				UUID subject = g.toGroup() ? groups.get(g.subject() % GROUPS).value()
						: users.get(g.subject() % USERS).value();
				Grant grant = grants.record(desk, ids.get(g.study()),
						new NewGrant(g.toGroup() ? SubjectType.GROUP : SubjectType.USER, subject, GrantScope.IMAGES,
								false, false, from, until, GrantOrigin.RULE));
				Key key = new Key(g.study(), g.toGroup(), g.subject() % (g.toGroup() ? GROUPS : USERS));
				Live before = live.get(key);
				live.put(key,
						before == null ? new Live(grant.id(), from, until)
								: new Live(before.id(),
										before.from() == null || from == null ? null : min(before.from(), from),
										before.until() == null || until == null ? null : max(before.until(), until)));
			}
			else if (step instanceof Withdraw w) {
				if (!live.isEmpty()) {
					Key key = new ArrayList<>(live.keySet()).get(w.index() % live.size());
					grants.withdraw(desk, ids.get(key.study()), live.remove(key).id(), "property step");
				}
			}
			else if (step instanceof Join j) {
				if (memberships.add(j.user() + ":" + j.group())) {
					fixtures.join(groups.get(j.group()), users.get(j.user()));
				}
			}
			else if (step instanceof Leave l) {
				memberships.remove(l.user() + ":" + l.group());
				fixtures.leave(groups.get(l.group()), users.get(l.user()));
			}
			else if (step instanceof Move m) {
				now = now.plus(Duration.ofHours(m.hours()));
			}
			check(ids, live, memberships, now);
		}
	}

	private void check(List<StudyId> ids, Map<Key, Live> live, Set<String> memberships, Instant now) {
		for (int u = 0; u < USERS; u++) {
			Actor actor = fixtures.actor(users.get(u));
			StudyCondition visible = access.visibleStudies(actor, now);
			for (int s = 0; s < ids.size(); s++) {
				Study study = studies.find(ids.get(s)).orElseThrow();
				boolean expected = !study.cancelled() && inForce(live, s, u, memberships, now);
				assertThat(access.decide(actor, study, Action.LIST, now).isPermitted()).as("LIST u%d s%d", u, s)
					.isEqualTo(expected);
				assertThat(access.decide(actor, study, Action.VIEW_IMAGES, now).isPermitted()).as("VIEW u%d s%d", u, s)
					.isEqualTo(expected);
				assertThat(listed(visible, ids.get(s))).as("listed u%d s%d", u, s).isEqualTo(expected);
			}
		}
	}

	private static boolean inForce(Map<Key, Live> live, int study, int user, Set<String> memberships, Instant now) {
		Live own = live.get(new Key(study, false, user));
		if (own != null && own.inForceAt(now)) {
			return true;
		}
		for (int g = 0; g < GROUPS; g++) {
			Live group = live.get(new Key(study, true, g));
			if (group != null && group.inForceAt(now) && memberships.contains(user + ":" + g)) {
				return true;
			}
		}
		return false;
	}

	private boolean listed(StudyCondition visible, StudyId study) {
		List<Object> parameters = new ArrayList<>();
		parameters.add(study.value());
		parameters.addAll(visible.parameters());
		return jdbc.sql("select exists (select 1 from study.study s where s.id = ? and (" + visible.sql() + "))")
			.params(parameters)
			.query(Boolean.class)
			.single();
	}

	@Provide
	Arbitrary<List<Step>> sequences() {
		Arbitrary<Integer> offset = Arbitraries.integers().between(-36, 60).injectNull(0.25);
		Arbitrary<Step> give = Combinators
			.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 5),
					Arbitraries.integers().between(0, 1), offset, offset)
			.as(Give::new);
		Arbitrary<Step> withdraw = Arbitraries.integers().between(0, 10).map(Withdraw::new);
		Arbitrary<Step> join = Combinators
			.combine(Arbitraries.integers().between(0, USERS - 1), Arbitraries.integers().between(0, GROUPS - 1))
			.as(Join::new);
		Arbitrary<Step> leave = Combinators
			.combine(Arbitraries.integers().between(0, USERS - 1), Arbitraries.integers().between(0, GROUPS - 1))
			.as(Leave::new);
		Arbitrary<Step> move = Arbitraries.integers().between(-12, 36).map(Move::new);
		return Arbitraries
			.frequencyOf(net.jqwik.api.Tuple.of(4, give), net.jqwik.api.Tuple.of(2, withdraw),
					net.jqwik.api.Tuple.of(2, join), net.jqwik.api.Tuple.of(1, leave), net.jqwik.api.Tuple.of(3, move))
			.list()
			.ofMinSize(1)
			.ofMaxSize(12);
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
