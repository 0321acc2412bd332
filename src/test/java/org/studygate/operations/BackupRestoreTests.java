package org.studygate.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.studygate.Fixtures;
import org.studygate.StudygateApplication;
import org.studygate.StudygateProperties;
import org.studygate.StudygateTest;
import org.studygate.WebFixture;
import org.studygate.audit.AuditTrail;
import org.studygate.audit.ChainReport;
import org.studygate.department.Department;
import org.studygate.directory.UserId;
import org.studygate.refcode.IssuedCode;
import org.studygate.refcode.PatientFixtures;
import org.studygate.study.StudyId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * {@code bin/backup} and {@code bin/restore} (docs/operations.md#backup-and-restore,
 * decision 044), run as an operator runs them: the test run's own embedded database is
 * backed up while it runs, restored into a new empty data directory and into a new
 * external database, and the application is started on the restored one. Refusals (a
 * damaged backup, a non-empty target) change nothing.
 */
@StudygateTest
class BackupRestoreTests {

	private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

	@Autowired
	Fixtures fixtures;

	@Autowired
	PatientFixtures patients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebFixture web;

	@Autowired
	JsonMapper json;

	@Autowired
	StudygateProperties properties;

	@TempDir
	Path work;

	record Run(int exit, String output) {

	}

	record Source(StudyId coded, IssuedCode code, StudyId granted, List<String> grants) {

	}

	@Test
	void aRestoredBackupStartsWithItsChainItsGrantsAndItsCodes() throws Exception {
		// a source whose transaction counter is far ahead of a new cluster's, as any
		// database in use is: the restore must bring the new one past it for the sealer
		jdbc.sql("do $$ begin for i in 1..5000 loop perform pg_current_xact_id(); commit; end loop; end $$").update();
		Source source = someData();
		Path backup = work.resolve("backup");
		Run backedUp = script("backup", Map.of(), backup.toString());
		assertThat(backedUp.exit()).as(backedUp.output()).isZero();
		assertThat(backedUp.output()).doesNotContain(Files.readString(sourceDataDir().resolve("secret-key")).strip());
		JsonNode manifest = json.readTree(backup.resolve("manifest.json").toFile());
		long headSeq = manifest.get("accessLog").get("headSeq").asLong();
		String headHash = manifest.get("accessLog").get("headHash").asString();
		assertThat(headHash).isEqualTo(linkHash(jdbc, headSeq));
		assertThat(Files.getPosixFilePermissions(backup)).containsOnly(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
		assertThat(Files.readString(backup.resolve("secret-key")))
			.isEqualTo(Files.readString(sourceDataDir().resolve("secret-key")));

		Path restored = work.resolve("restored");
		Run restoredRun = script("restore", Map.of("STUDYGATE_DATA_DIR", restored.toString()), backup.toString());
		assertThat(restoredRun.exit()).as(restoredRun.output()).isZero();
		assertThat(restoredRun.output()).contains(headHash);

		try (EmbeddedPostgres server = EmbeddedPostgres.builder()
			.setDataDirectory(restored.resolve("postgres"))
			.setCleanDataDirectory(false)
			.start()) {
			JdbcClient.create(server.getPostgresDatabase())
				.sql("create role studygate_app login nosuperuser nocreatedb nocreaterole")
				.update();
			try (ConfigurableApplicationContext application = startOn(server.getPort(), "postgres", restored)) {
				assertRestored(application, source, headSeq, headHash);
			}
			restoreIntoAnExternalDatabase(server, backup, headSeq, headHash);
		}
	}

	/**
	 * The same backup into a new database of an external server; a second restore into it
	 * is refused and changes nothing, unless forced: then the database is the backup's
	 * again.
	 */
	private void restoreIntoAnExternalDatabase(EmbeddedPostgres server, Path backup, long headSeq, String headHash)
			throws Exception {
		JdbcClient superuser = JdbcClient.create(server.getPostgresDatabase());
		superuser.sql("create database restored_external").update();
		Map<String, String> external = Map.of("STUDYGATE_DB_URL",
				"jdbc:postgresql://localhost:" + server.getPort() + "/restored_external", "STUDYGATE_DB_USER",
				"postgres", "STUDYGATE_DATA_DIR", work.resolve("external-data").toString());
		Run first = script("restore", external, backup.toString());
		assertThat(first.exit()).as(first.output()).isZero();
		JdbcClient restored = JdbcClient.create(server.getDatabase("postgres", "restored_external"));
		assertThat(linkHash(restored, headSeq)).isEqualTo(headHash);
		long entries = restored.sql("select count(*) from audit.entry").query(Long.class).single();

		Run second = script("restore", external, backup.toString());
		assertThat(second.exit()).isNotZero();
		assertThat(second.output()).contains("already holds Studygate's schemas");
		assertThat(restored.sql("select count(*) from audit.entry").query(Long.class).single()).isEqualTo(entries);

		restored
			.sql("insert into department.department (id, code, name, time_zone, created_at) "
					+ "values (gen_random_uuid(), 'AFTER-BACKUP', 'Made after the backup', 'UTC', now())")
			.update();
		Run forced = script("restore", external, "--force", backup.toString());
		assertThat(forced.exit()).as(forced.output()).isZero();
		assertThat(linkHash(restored, headSeq)).isEqualTo(headHash);
		assertThat(restored.sql("select count(*) from department.department where code = 'AFTER-BACKUP'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDamagedBackupOrANonEmptyTargetIsRefusedAndNothingChanges() throws Exception {
		someData();
		Path backup = work.resolve("backup");
		Run backedUp = script("backup", Map.of(), backup.toString());
		assertThat(backedUp.exit()).as(backedUp.output()).isZero();
		Run again = script("backup", Map.of(), backup.toString());
		assertThat(again.exit()).isNotZero();
		assertThat(again.output()).contains("is not an empty directory");

		Path damaged = copy(backup, work.resolve("damaged"));
		byte[] dump = Files.readAllBytes(damaged.resolve("database.dump"));
		dump[dump.length / 2] ^= 0x01;
		Files.write(damaged.resolve("database.dump"), dump);
		Path target = work.resolve("target");
		Run refused = script("restore", Map.of("STUDYGATE_DATA_DIR", target.toString()), damaged.toString());
		assertThat(refused.exit()).isNotZero();
		assertThat(refused.output()).contains("database.dump is damaged");
		assertThat(target).doesNotExist();

		Path rewritten = copy(backup, work.resolve("rewritten"));
		JsonNode manifest = json.readTree(rewritten.resolve("manifest.json").toFile());
		String head = manifest.get("accessLog").get("headHash").asString();
		Files.writeString(rewritten.resolve("manifest.json"),
				Files.readString(rewritten.resolve("manifest.json")).replace(head, "00".repeat(32)));
		Run mismatch = script("restore", Map.of("STUDYGATE_DATA_DIR", target.toString()), rewritten.toString());
		assertThat(mismatch.exit()).isNotZero();
		assertThat(mismatch.output()).contains("is not the backup's");
		assertThat(target).doesNotExist();

		Path occupied = work.resolve("occupied");
		Files.createDirectories(occupied.resolve("postgres"));
		Files.writeString(occupied.resolve("secret-key"), "the key in use");
		Run notEmpty = script("restore", Map.of("STUDYGATE_DATA_DIR", occupied.toString()), backup.toString());
		assertThat(notEmpty.exit()).isNotZero();
		assertThat(notEmpty.output()).contains("is not empty");
		assertThat(Files.readString(occupied.resolve("secret-key"))).isEqualTo("the key in use");
		try (Stream<Path> files = Files.list(occupied.resolve("postgres"))) {
			assertThat(files).isEmpty();
		}

		Run usage = script("restore", Map.of());
		assertThat(usage.exit()).isEqualTo(2);
		assertThat(usage.output()).contains("usage: bin/restore");
	}

	/**
	 * A patient's study with a code, a physician's study with a grant, and their
	 * access-log entries chained.
	 */
	private Source someData() throws Exception {
		Department department = fixtures.department("Radiology Backup");
		StudyId coded = patients.study(department, 3);
		IssuedCode code = patients.code(coded);
		UserId admin = fixtures.sourceAdmin(department, "Backup Admin");
		UserId physician = fixtures.physician("Backup Physician", Fixtures.physicianNumber());
		StudyId granted = fixtures.study(department, "Backup^Bert", LocalDate.of(2026, 5, 4), null);
		int status = web.mvc()
			.perform(post("/api/v1/studies/" + granted + "/grants").header("Authorization", fixtures.bearer(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subjectType\":\"USER\",\"subjectId\":\"" + physician
						+ "\",\"scope\":\"IMAGES_REPORT_READ\",\"mayShare\":false}"))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isEqualTo(201);
		List<String> grants = grants(jdbc, granted);
		assertThat(grants).hasSize(1);
		await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
				select count(*) from audit.entry e
				where e.study_id in (:studies) and not exists (select 1 from audit.link l where l.entry_id = e.id)
				""").param("studies", List.of(coded.value(), granted.value())).query(Long.class).single() == 0);
		return new Source(coded, code, granted, grants);
	}

	private void assertRestored(ConfigurableApplicationContext application, Source source, long headSeq,
			String headHash) throws Exception {
		JdbcClient restored = application.getBean(JdbcClient.class);
		assertThat(linkHash(restored, headSeq)).isEqualTo(headHash);
		assertThat(grants(restored, source.granted())).isEqualTo(source.grants());

		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		assertThat(patientLogin(port, source.code().code(), PatientFixtures.BIRTH_DATE.plusDays(1)).statusCode())
			.isEqualTo(401);
		HttpResponse<String> login = patientLogin(port, source.code().code(), PatientFixtures.BIRTH_DATE);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		assertThat(login.body()).contains(source.coded().toString());

		// the entries written after the restore are chained after the restored head
		AuditTrail trail = application.getBean(AuditTrail.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> restored.sql("select count(*) from audit.link where seq > :seq")
				.param("seq", headSeq)
				.query(Long.class)
				.single() >= 2);
		// up to now: tests that tamper with the log on purpose write far ahead
		Instant to = Instant.now().plus(Duration.ofDays(1));
		ChainReport report = trail.verify(Instant.EPOCH, to);
		assertThat(report.intact()).as(String.valueOf(report.firstBroken())).isTrue();
		// the restored head and the links after it were recomputed
		Instant headAt = restored.sql("select entry_at from audit.link where seq = :seq")
			.param("seq", headSeq)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		ChainReport after = trail.verify(headAt, headAt.isBefore(to) ? to : headAt.plusSeconds(1));
		assertThat(after.intact()).as(String.valueOf(after.firstBroken())).isTrue();
		assertThat(after.linksChecked()).isGreaterThanOrEqualTo(headAt.isBefore(to) ? 3 : 1);
	}

	private ConfigurableApplicationContext startOn(int port, String database, Path dataDir) {
		return new SpringApplicationBuilder(StudygateApplication.class).profiles("test")
			.run("--studygate.db.url=jdbc:postgresql://localhost:" + port + "/" + database,
					"--studygate.db.user=studygate_app", "--studygate.db.password=",
					"--studygate.db.owner-user=postgres", "--studygate.db.owner-password=",
					"--studygate.db.embedded-clean=false", "--studygate.data-dir=" + dataDir, "--server.port=0");
	}

	private static HttpResponse<String> patientLogin(int port, String code, LocalDate birthDate)
			throws IOException, InterruptedException {
		String body = "{\"referenceNumber\":\"" + code + "\",\"birthDate\":\"" + birthDate + "\"}";
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/patient/api/login?include=studies"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String linkHash(JdbcClient database, long seq) {
		return database.sql("select encode(link_hash, 'hex') from audit.link where seq = :seq")
			.param("seq", seq)
			.query(String.class)
			.single();
	}

	private static List<String> grants(JdbcClient database, StudyId study) {
		return database
			.sql("select row_to_json(g)::text from access.study_grant g where g.study_id = :study order by 1")
			.param("study", study.value())
			.query(String.class)
			.list();
	}

	private Path sourceDataDir() {
		return properties.dataDir().toAbsolutePath();
	}

	/**
	 * Runs bin/NAME as an operator would, on the test run's data directory by default.
	 */
	private Run script(String name, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of(Path.of("bin", name).toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile(work, name, ".out");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		Map<String, String> env = builder.environment();
		env.keySet().removeIf(key -> key.startsWith("STUDYGATE_"));
		env.put("STUDYGATE_DATA_DIR", sourceDataDir().toString());
		env.putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("bin/" + name + " did not finish");
		}
		return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private static Path copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		for (String file : Set.of("database.dump", "secret-key", "manifest.json")) {
			Files.copy(from.resolve(file), to.resolve(file));
		}
		return to;
	}

}
