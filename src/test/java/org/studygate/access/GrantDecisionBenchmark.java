package org.studygate.access;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import org.studygate.directory.Actor;
import org.studygate.directory.ActorKind;
import org.studygate.directory.GroupId;
import org.studygate.directory.GroupKind;
import org.studygate.directory.Membership;
import org.studygate.directory.MembershipRole;
import org.studygate.directory.UserId;
import org.studygate.department.Departments;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The decision point and the explore list query with grants at scale (BENCHMARKS.md):
 * 1,000,000 studies, 5,000,000 grants (to users and groups; 85% in force, the rest
 * expired, not yet valid or withdrawn), 100,000 users and 20,000 groups on the embedded
 * PostgreSQL in {@code target/bench-grants} (generated on the first run). The real access
 * paths and the real grant SQL run; the target physician reaches about 2,000 studies
 * through grants to him and to his two groups (about 1,000 each way). The same question
 * is answered by jCasbin (RBAC with domains, every grant in force as a policy, every
 * membership as a role link) for the ratio.
 *
 * <p>
 * Run: {@code mvn -B -Pbench test-compile exec:exec@jmh-grants}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = { "-Xmx8g" })
public class GrantDecisionBenchmark {

	static final int STUDIES = Integer.getInteger("bench.studies", 1_000_000);

	static final int GRANTS = Integer.getInteger("bench.grants", 5_000_000);

	static final int USERS = Integer.getInteger("bench.users", 100_000);

	static final int GROUPS = Integer.getInteger("bench.groups", 20_000);

	static final String[] DEPARTMENTS = { "11111111-1111-1111-1111-111111111111",
			"22222222-2222-2222-2222-222222222222", "33333333-3333-3333-3333-333333333333" };

	EmbeddedPostgres postgres;

	JdbcClient jdbc;

	AccessControl access;

	Studies studies;

	Actor target;

	Actor stranger;

	Study viaUser;

	Study viaGroup;

	@Setup(Level.Trial)
	public void start() throws Exception {
		postgres = EmbeddedPostgres.builder()
			.setDataDirectory(Path.of(System.getProperty("bench.dataDir", "target/bench-grants")))
			.setCleanDataDirectory(false)
			.setServerConfig("shared_buffers", "512MB")
			.setServerConfig("max_wal_size", "4GB")
			.start();
		com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
		pool.setDataSource(postgres.getPostgresDatabase());
		pool.setMaximumPoolSize(4);
		DataSource dataSource = new com.zaxxer.hikari.HikariDataSource(pool);
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.placeholders(java.util.Map.of("appRole", ""))
			.load()
			.migrate();
		jdbc = JdbcClient.create(dataSource);
		if (jdbc.sql("select count(*) from access.study_grant").query(Long.class).single() == 0) {
			load(dataSource);
		}
		GrantStore store = new GrantStore(jdbc);
		Clock clock = Clock.systemUTC();
		List<AccessPath> paths = List.of(new SourceGroupPaths.ServiceDeskPath(), new SourceGroupPaths.SourceAdminPath(),
				new SourceGroupPaths.SourceUserPath(), new PhysicianPaths.RequesterPath(),
				new PhysicianPaths.PracticePath(), new GrantPaths.UserGrantPath(store),
				new GrantPaths.GroupGrantPath(store));
		Constructor<Studies> constructor = Studies.class.getDeclaredConstructor(JdbcClient.class, Departments.class,
				ApplicationEventPublisher.class, Clock.class);
		constructor.setAccessible(true);
		Constructor<Departments> departments = Departments.class.getDeclaredConstructor(JdbcClient.class,
				org.studygate.directory.Directory.class, tools.jackson.databind.json.JsonMapper.class, Clock.class);
		departments.setAccessible(true);
		studies = constructor.newInstance(jdbc,
				departments.newInstance(jdbc, null, tools.jackson.databind.json.JsonMapper.builder().build(), clock),
				null, clock);
		access = new AccessControl(paths, studies, event -> {
		}, clock, new ExclusionStore(jdbc), new RestrictionStore(jdbc));
		target = actor(1);
		stranger = actor(2);
		viaUser = studies.find(new StudyId(jdbc.sql("""
				select g.study_id from access.study_grant g join bench.usr u on u.id = g.subject_id
				where u.n = 1 and g.withdrawn_at is null and g.valid_from is null
				  and (g.valid_until is null or g.valid_until > now()) limit 1
				""").query(UUID.class).single())).orElseThrow();
		viaGroup = studies
			.find(new StudyId(jdbc
				.sql("""
						select g.study_id from access.study_grant g
						where g.subject_id = (select group_id from directory.group_membership m join bench.usr u on u.id = m.user_id
						                      where u.n = 1 order by group_id limit 1)
						  and g.withdrawn_at is null and g.valid_from is null
						  and (g.valid_until is null or g.valid_until > now())
						  and not exists (select 1 from access.study_grant o join bench.usr u on u.id = o.subject_id
						                  where u.n = 1 and o.study_id = g.study_id)
						limit 1
						""")
				.query(UUID.class)
				.single()))
			.orElseThrow();
		if (!access.decide(target, viaUser, Action.VIEW_IMAGES).isPermitted()
				|| !access.decide(target, viaGroup, Action.VIEW_IMAGES).isPermitted()
				|| access.decide(stranger, viaUser, Action.VIEW_IMAGES).isPermitted()) {
			throw new IllegalStateException("the scenarios do not decide as intended");
		}
		System.out.println("grants: " + jdbc.sql("select count(*) from access.study_grant").query(Long.class).single()
				+ ", target reaches " + studiesOfTarget() + " studies");
	}

	private long studiesOfTarget() {
		var condition = access.visibleStudies(target);
		List<Object> parameters = new ArrayList<>(condition.parameters());
		return jdbc.sql("select count(*) from study.study s where (" + condition.sql() + ") and not s.cancelled")
			.params(parameters)
			.query(Long.class)
			.single();
	}

	private Actor actor(int n) {
		UUID id = jdbc.sql("select id from bench.usr where n = :n").param("n", n).query(UUID.class).single();
		List<Membership> memberships = jdbc.sql("select group_id from directory.group_membership where user_id = :u")
			.param("u", id)
			.query(UUID.class)
			.list()
			.stream()
			.map(g -> new Membership(new GroupId(g), GroupKind.PRACTICE, null, MembershipRole.MEMBER))
			.toList();
		return new Actor(ActorKind.USER, new UserId(id), "Bench " + n, false, Set.of(), memberships, Set.of());
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		postgres.close();
	}

	/**
	 * Generates the data set in the database itself (generate_series), about five minutes
	 * here.
	 */
	private static void load(DataSource dataSource) throws Exception {
		long started = System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
			connection.setAutoCommit(false);
			sql.execute("set session_replication_role = replica");
			sql.execute("create schema if not exists bench");
			sql.execute("create table bench.dept (n int primary key, id uuid)");
			for (int d = 0; d < 3; d++) {
				sql.execute("insert into bench.dept values (" + d + ", '" + DEPARTMENTS[d] + "')");
				sql.execute("insert into department.department (id, code, name, time_zone, created_at) values ('"
						+ DEPARTMENTS[d] + "', 'BENCH-" + d + "', 'Bench " + d + "', 'Europe/Brussels', now())");
			}
			sql.execute("create table bench.patient as select n, gen_random_uuid() id from generate_series(1, "
					+ (STUDIES / 3 + 1) + ") n");
			sql.execute("""
					insert into study.patient (id, department_id, patient_id, name, birth_date, sex)
					select p.id, d.id, 'BP' || p.n, 'Patient^' || p.n, date '1940-01-01' + (p.n % 25000), 'F'
					from bench.patient p join bench.dept d on d.n = p.n % 3
					""");
			sql.execute("create table bench.study as select n, gen_random_uuid() id from generate_series(1, " + STUDIES
					+ ") n");
			sql.execute("alter table bench.study add primary key (n)");
			sql.execute("""
					insert into study.study (id, study_instance_uid, accession_number, department_id, patient_id,
					    patient_name_key, study_date, performed_at, modality, description, registered_at)
					select s.id, '1.2.826.0.1.9.' || s.n, 'B' || s.n, d.id, p.id, 'patient^' || p.n,
					    date '2024-01-01' + (s.n / 1400), timestamp '2024-01-01' + s.n * interval '61 seconds', 'CT',
					    'CT thorax', now()
					from bench.study s join bench.patient p on p.n = (s.n + 2) / 3 join bench.dept d on d.n = p.n % 3
					""");
			sql.execute("create table bench.usr as select n, gen_random_uuid() id from generate_series(1, " + USERS
					+ ") n");
			sql.execute("alter table bench.usr add primary key (n)");
			sql.execute("""
					insert into directory.user_account (id, username, display_name, password_hash, created_at)
					select id, 'bench.' || n || '@bench.test', 'Bench ' || n, 'none', now() from bench.usr
					""");
			sql.execute("create table bench.grp as select n, gen_random_uuid() id from generate_series(1, " + GROUPS
					+ ") n");
			sql.execute("alter table bench.grp add primary key (n)");
			sql.execute("""
					insert into directory.user_group (id, kind, name, created_at)
					select id, 'PRACTICE', 'Bench practice ' || n, now() from bench.grp
					""");
			sql.execute("""
					insert into directory.group_membership (group_id, user_id, role, confirmed_at)
					select distinct g.id, u.id, 'MEMBER', now()
					from bench.usr u
					cross join lateral (values (((u.n * 7) %% %1$d) + 1), (((u.n * 13 + 5) %% %1$d) + 1)) k(n)
					join bench.grp g on g.n = k.n
					""".formatted(GROUPS));
			// 70% of the grants to users, 30% to groups; one in twenty expired, not yet
			// valid or withdrawn each
			sql.execute(
					"""
							insert into access.study_grant (id, study_id, subject_type, subject_id, scope, may_share, may_transfer,
							    valid_from, valid_until, origin, granted_at, granted_by_name, withdrawn_at, withdrawn_by_name,
							    withdrawn_reason)
							select gen_random_uuid(), s.id, case when i %% 10 < 7 then 'USER' else 'GROUP' end,
							    case when i %% 10 < 7 then u.id else g.id end, 'IMAGES_REPORT_READ', false, false,
							    case when i %% 20 = 1 then now() + interval '30 days' end,
							    case when i %% 20 = 0 then now() - interval '1 day' when i %% 3 = 0 then null
							         else now() + interval '365 days' end,
							    'SHARE', now() - interval '2 days', 'bench',
							    case when i %% 20 = 2 then now() - interval '1 hour' end,
							    case when i %% 20 = 2 then 'bench' end, case when i %% 20 = 2 then 'bench' end
							from generate_series(1, %1$d) i
							join bench.study s on s.n = ((i::bigint * 104729) %% %2$d) + 1
							join bench.usr u on u.n = ((i::bigint * 7919 + (i / %2$d) * 7) %% %3$d) + 1
							join bench.grp g on g.n = ((i::bigint * 31 + (i / %2$d) * 3) %% %4$d) + 1
							on conflict do nothing
							"""
						.formatted(GRANTS, STUDIES, USERS, GROUPS));
			// the target physician (user 1): about 1,000 studies granted to him and 500
			// to each of his two groups
			sql.execute(
					"""
							insert into access.study_grant (id, study_id, subject_type, subject_id, scope, may_share, may_transfer,
							    valid_until, origin, granted_at, granted_by_name)
							select gen_random_uuid(), s.id, 'USER', (select id from bench.usr where n = 1), 'IMAGES_REPORT_READ',
							    true, false, now() + interval '365 days', 'SHARE', now(), 'bench'
							from bench.study s where s.n % 997 = 0 and s.n <= 997000
							on conflict do nothing
							""");
			sql.execute(
					"""
							insert into access.study_grant (id, study_id, subject_type, subject_id, scope, may_share, may_transfer,
							    valid_until, origin, granted_at, granted_by_name)
							select gen_random_uuid(), s.id, 'GROUP', m.group_id, 'IMAGES', false, false,
							    now() + interval '365 days', 'SHARE', now(), 'bench'
							from (select group_id, row_number() over (order by group_id) r from directory.group_membership
							      where user_id = (select id from bench.usr where n = 1)) m
							join bench.study s on s.n % 999 = 0 and s.n <= 999000 and (s.n / 999) % 2 = m.r - 1
							on conflict do nothing
							""");
			sql.execute("set session_replication_role = origin");
			connection.commit();
			connection.setAutoCommit(true);
			sql.execute("analyze");
		}
		System.out.printf("loaded in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
	}

	@Benchmark
	public Decision decideGrantToTheUser() {
		return access.decide(target, viaUser, Action.VIEW_IMAGES);
	}

	@Benchmark
	public Decision decideGrantToHisGroup() {
		return access.decide(target, viaGroup, Action.VIEW_IMAGES);
	}

	@Benchmark
	public Decision decideStrangerWalksEveryPathToADenial() {
		return access.decide(stranger, viaUser, Action.VIEW_IMAGES);
	}

	@Benchmark
	public List<StudySummary> exploreFirstPageOfTheTarget() {
		return studies.search(StudyFilter.none(), access.visibleStudies(target), null, 101);
	}

	/**
	 * jCasbin with the same grants in force as policies and the memberships as role
	 * links.
	 */
	@State(Scope.Benchmark)
	public static class Casbin {

		Enforcer enforcer;

		String target;

		String stranger;

		String viaUser;

		String viaUserDepartment;

		String viaGroup;

		String viaGroupDepartment;

		@Setup(Level.Trial)
		public void load(GrantDecisionBenchmark bench) {
			Model model = new Model();
			model.addDef("r", "r", "sub, dom, obj, act");
			model.addDef("p", "p", "sub, dom, obj, act");
			model.addDef("g", "g", "_, _, _");
			model.addDef("e", "e", "some(where (p.eft == allow))");
			model.addDef("m", "m",
					"(r.sub == p.sub || g(r.sub, p.sub, r.dom)) && r.dom == p.dom && r.obj == p.obj && r.act == p.act");
			enforcer = new Enforcer(model);
			enforcer.enableAutoBuildRoleLinks(false);
			long started = System.nanoTime();
			List<List<String>> policies = new ArrayList<>();
			bench.jdbc.sql("""
					select g.subject_id::text, s.department_id::text, g.study_id::text
					from access.study_grant g join study.study s on s.id = g.study_id
					where g.withdrawn_at is null and (g.valid_from is null or g.valid_from <= now())
					  and (g.valid_until is null or g.valid_until > now())
					""").query(rs -> {
				policies.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), "view"));
			});
			enforcer.getModel().addPolicies("p", "p", policies);
			List<List<String>> links = new ArrayList<>();
			bench.jdbc.sql("select user_id::text, group_id::text from directory.group_membership").query(rs -> {
				for (String department : DEPARTMENTS) {
					links.add(List.of(rs.getString(1), rs.getString(2), department));
				}
			});
			enforcer.getModel().addPolicies("g", "g", links);
			enforcer.buildRoleLinks();
			System.out.printf("jCasbin: %d policies, %d role links, loaded in %d s%n", policies.size(), links.size(),
					(System.nanoTime() - started) / 1_000_000_000);
			target = bench.target.userId().toString();
			stranger = bench.stranger.userId().toString();
			viaUser = bench.viaUser.id().toString();
			viaUserDepartment = bench.viaUser.departmentId().toString();
			viaGroup = bench.viaGroup.id().toString();
			viaGroupDepartment = bench.viaGroup.departmentId().toString();
			boolean user = enforcer.enforce(target, viaUserDepartment, viaUser, "view");
			boolean group = enforcer.enforce(target, viaGroupDepartment, viaGroup, "view");
			boolean strange = enforcer.enforce(stranger, viaUserDepartment, viaUser, "view");
			System.out.printf("jCasbin answers: user %s, group %s, stranger %s%n", user, group, strange);
			if (!user || !group || strange) {
				throw new IllegalStateException("jCasbin does not answer as the decision point does");
			}
		}

	}

	@Benchmark
	@Warmup(iterations = 1, time = 1)
	@Measurement(iterations = 2, time = 1)
	public boolean casbinGrantToTheUser(Casbin casbin) {
		return casbin.enforcer.enforce(casbin.target, casbin.viaUserDepartment, casbin.viaUser, "view");
	}

	@Benchmark
	@Warmup(iterations = 1, time = 1)
	@Measurement(iterations = 2, time = 1)
	public boolean casbinGrantToHisGroup(Casbin casbin) {
		return casbin.enforcer.enforce(casbin.target, casbin.viaGroupDepartment, casbin.viaGroup, "view");
	}

	@Benchmark
	@Warmup(iterations = 1, time = 1)
	@Measurement(iterations = 2, time = 1)
	public boolean casbinStrangerIsDenied(Casbin casbin) {
		return casbin.enforcer.enforce(casbin.stranger, casbin.viaUserDepartment, casbin.viaUser, "view");
	}

	public static void main(String[] args) throws Exception {
		new Runner(new OptionsBuilder().parent(new org.openjdk.jmh.runner.options.CommandLineOptions(args))
			.include(GrantDecisionBenchmark.class.getName() + "." + System.getProperty("bench.include", ".*"))
			.build()).run();
	}

}
