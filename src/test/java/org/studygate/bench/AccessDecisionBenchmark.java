package org.studygate.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.mockito.Mockito;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.access.Decision;
import org.studygate.directory.Actor;
import org.studygate.directory.ActorKind;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Membership;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.UserId;
import org.studygate.study.ReportStatus;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyCondition;
import org.studygate.study.StudyId;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The in-process cost of the decision point: {@link AccessControl#decide} along the paths
 * a request takes (requester, practice colleague, source user, a stranger who walks every
 * path to a denial) and the composition of the list condition
 * ({@link AccessControl#visibleStudies}). The access module's real beans run in a small
 * Spring context; the study registry is not touched by these methods, so it is a mock.
 *
 * <p>
 * Run: {@code mvn -B -Pbench verify} (with the load driver) or
 * {@code mvn -B -Pbench test-compile exec:exec@jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AccessDecisionBenchmark {

	private AnnotationConfigApplicationContext context;

	private AccessControl access;

	private Study study;

	private Actor requester;

	private Actor colleague;

	private Actor sourceUser;

	private Actor stranger;

	@Setup
	public void start() {
		context = new AnnotationConfigApplicationContext();
		context.registerBean(Clock.class, Clock::systemUTC);
		context.registerBean(Studies.class, () -> Mockito.mock(Studies.class));
		// the grant paths and their services need the database; GrantDecisionBenchmark
		// measures them
		org.springframework.context.annotation.ClassPathBeanDefinitionScanner scanner = new org.springframework.context.annotation.ClassPathBeanDefinitionScanner(
				context);
		scanner.addExcludeFilter(new org.springframework.core.type.filter.RegexPatternTypeFilter(
				java.util.regex.Pattern.compile("org\\.studygate\\.access\\.(Grant.*|Shar.*|web\\..*)")));
		scanner.scan("org.studygate.access");
		context.refresh();
		access = context.getBean(AccessControl.class);

		UUID north = UUID.randomUUID();
		study = new Study(StudyId.random(), "1.2.826.0.1.3680043.10.1001.1", "N000000001", north,
				LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2).atTime(10, 30), "CT", "CT thorax", 4, 450,
				ReportStatus.FINAL, Instant.parse("2026-03-03T08:00:00Z"), false, false, false,
				Instant.parse("2026-03-02T11:00:00Z"), new Study.Patient(UUID.randomUUID(), "BP00000001",
						"Peeters^Marie", LocalDate.of(1956, 4, 12), "F", null),
				new Study.Order(UUID.randomUUID(), "BO000000001"), "20000001004", Set.of("20000777004"));
		GroupId practice = GroupId.random();
		requester = physician("20000001004", Set.of("20000001004", "20000002004", "20000003004"),
				List.of(new Membership(practice, GroupKind.PRACTICE, null, MembershipRole.ADMIN)));
		colleague = physician("20000002004", Set.of("20000001004", "20000002004", "20000003004"),
				List.of(new Membership(practice, GroupKind.PRACTICE, null, MembershipRole.MEMBER)));
		stranger = physician("20000999004", Set.of("20000999004"), List.of());
		sourceUser = new Actor(ActorKind.USER, UserId.random(), "Stijn", false, Set.of(),
				List.of(new Membership(GroupId.random(), GroupKind.SOURCE_USERS, north, MembershipRole.MEMBER)),
				Set.of());
	}

	private static Actor physician(String number, Set<String> practiceNumbers, List<Membership> memberships) {
		return new Actor(ActorKind.USER, UserId.random(), "Dr " + number, false, Set.of(number), memberships,
				practiceNumbers);
	}

	@TearDown
	public void stop() {
		context.close();
	}

	@Benchmark
	public Decision requesterViewsImages() {
		return access.decide(requester, study, Action.VIEW_IMAGES);
	}

	@Benchmark
	public Decision practiceColleagueViewsReport() {
		return access.decide(colleague, study, Action.VIEW_REPORT);
	}

	@Benchmark
	public Decision sourceUserLists() {
		return access.decide(sourceUser, study, Action.LIST);
	}

	@Benchmark
	public Decision strangerIsDenied() {
		return access.decide(stranger, study, Action.VIEW_IMAGES);
	}

	@Benchmark
	public StudyCondition listConditionOfAPhysicianInAPractice() {
		return access.visibleStudies(colleague);
	}

	@Benchmark
	public StudyCondition listConditionOfASourceUser() {
		return access.visibleStudies(sourceUser);
	}

	public static void main(String[] args) throws Exception {
		new Runner(
				new OptionsBuilder().include(AccessDecisionBenchmark.class.getName()).jvmArgsAppend("-Xmx512m").build())
			.run();
	}

}
