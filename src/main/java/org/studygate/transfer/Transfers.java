package org.studygate.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.AccessDenied;
import org.studygate.access.Action;
import org.studygate.access.Authorized;
import org.studygate.archive.ArchiveFiles;
import org.studygate.archive.ArchiveUnavailableException;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forward and download (SPEC §5). A forward is a job row queued in the requester's transaction,
 * after a FORWARD decision, and run after commit by {@link TransferWorker}; a download is decided
 * (DOWNLOAD), logged with its format and then streamed from the archive one instance at a time. The
 * destinations are kept by {@link Destinations}.
 */
@Service
public class Transfers {

	/** Download formats: the DICOM files as stored, or the images rendered as JPEG. */
	public static final Set<String> FORMATS = Set.of("dicom", "jpeg");

	private final JdbcClient jdbc;

	private final AccessControl access;

	private final ArchiveFiles archive;

	private final Destinations destinations;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final TransferProperties properties;

	Transfers(JdbcClient jdbc, AccessControl access, ArchiveFiles archive, Destinations destinations,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
			TransferProperties properties) {
		this.jdbc = jdbc;
		this.access = access;
		this.archive = archive;
		this.destinations = destinations;
		this.events = events;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
	}

	/** What the study page offers: forward (with the destinations) and download, where permitted. */
	public record Options(boolean mayForward, boolean mayDownload, List<Destination> destinations) {

	}

	public Options options(Actor actor, Study study) {
		boolean forward = access.decide(actor, study, Action.FORWARD).isPermitted();
		boolean download = access.decide(actor, study, Action.DOWNLOAD).isPermitted();
		return new Options(forward, download, forward ? destinations.offeredFor(actor, study) : List.of());
	}

	// ---------------------------------------------------------------- forward

	/**
	 * Queues a forward of the study to a destination offered for it, after a FORWARD decision; the
	 * worker starts it after commit. A study the actor may not list, or a destination not offered to
	 * him for this study, is not found, and the refusal logged.
	 */
	@Transactional
	public TransferView forward(Actor actor, StudyId studyId, UUID destinationId) {
		Authorized authorized = access.require(actor, studyId, Action.FORWARD);
		Study study = authorized.study();
		Destination destination = destinationId == null ? null
				: destinations.offeredFor(actor, study)
					.stream()
					.filter(d -> d.id().equals(destinationId))
					.findFirst()
					.orElse(null);
		if (destination == null) {
			events.publishEvent(new AccessDenied(clock.instant(), actor.asAuditActor(), studyId.value(), Action.FORWARD,
					"the destination is not offered for this study"));
			throw new NotFoundException("destination");
		}
		destinations.target(actor, destination, "destinationId");
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		jdbc.sql("""
				insert into transfer.job (id, study_id, department_id, user_id, user_name, kind, destination_id, target,
				                          state, requested_at, next_attempt_at)
				values (:id, :study, :department, :user, :name, 'FORWARD', :destination, :target, 'QUEUED', :now, :now)
				""")
			.param("id", id)
			.param("study", studyId.value())
			.param("department", study.departmentId())
			.param("user", actor.userId() == null ? null : actor.userId().value())
			.param("name", actor.name())
			.param("destination", destination.id())
			.param("target", destination.label())
			.param("now", Timestamp.from(now))
			.update();
		events.publishEvent(new ForwardRequested(now, actor.asAuditActor(), id, studyId.value(), destination.label()));
		return view(id).orElseThrow();
	}

	/**
	 * A transfer as its requester, or whoever manages the study's access, sees it; for anyone else it
	 * is not found.
	 */
	public TransferView find(Actor actor, UUID transferId) {
		TransferView view = view(transferId).orElseThrow(() -> new NotFoundException("transfer"));
		if (!requestedBy(actor, transferId)) {
			access.require(actor, new StudyId(view.studyId()), Action.MANAGE_ACCESS);
		}
		return view;
	}

	/**
	 * Cancels a queued or running forward: a queued one fails at once, a running one when the worker
	 * next reports progress. A transfer that ended already is a conflict.
	 */
	@Transactional
	public TransferView cancel(Actor actor, UUID transferId) {
		TransferView view = find(actor, transferId);
		if (!"FORWARD".equals(view.kind()) || !view.open()) {
			throw new ConflictException("the transfer has ended");
		}
		String reason = "cancelled by " + actor.name();
		int queued = jdbc.sql("""
				update transfer.job set state = 'FAILED', error = :reason, finished_at = :now, cancel_requested = true
				where id = :id and state = 'QUEUED'
				""").param("reason", reason).param("now", Timestamp.from(clock.instant())).param("id", transferId).update();
		if (queued == 1) {
			events.publishEvent(new ForwardEnded(clock.instant(), actor.asAuditActor(), transferId, view.studyId(),
					view.target(), "CANCELLED", view.instancesDone(), reason));
		}
		else {
			jdbc.sql("update transfer.job set cancel_requested = true, error = :reason where id = :id and state = 'RUNNING'")
				.param("reason", reason)
				.param("id", transferId)
				.update();
		}
		return view(transferId).orElseThrow();
	}

	/** Every transfer of the study, newest first, for its Access tab. */
	public List<TransferView> ofStudy(StudyId studyId) {
		return jdbc.sql(SELECT + " where study_id = :study order by requested_at desc, id limit 500")
			.param("study", studyId.value())
			.query(Transfers::row)
			.list();
	}

	Optional<TransferView> view(UUID id) {
		return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Transfers::row).optional();
	}

	// ---------------------------------------------------------------- download

	/** A download decided and logged, ready to stream. */
	public record Download(UUID transferId, String format, String fileName, List<ArchiveFiles.Instance> instances) {

	}

	/**
	 * Decides DOWNLOAD, names the study's instances in the archive, and logs the download with its
	 * format; nothing is streamed yet, so that a refusal still answers with a problem.
	 */
	public Download prepareDownload(Actor actor, StudyId studyId, String format) {
		String chosen = format == null || format.isBlank() ? "dicom" : format.strip().toLowerCase();
		if (!FORMATS.contains(chosen)) {
			throw new InvalidInputException("format", "must be dicom or jpeg");
		}
		return transactions.execute(status -> {
			Authorized authorized = access.require(actor, studyId, Action.DOWNLOAD);
			List<ArchiveFiles.Instance> instances;
			try {
				instances = archive.instances(authorized.study().studyInstanceUid());
			}
			catch (ArchiveUnavailableException ex) {
				throw new ConflictException("the archive cannot be reached");
			}
			if (instances.isEmpty()) {
				throw new NotFoundException("images");
			}
			UUID id = UUID.randomUUID();
			Instant now = clock.instant();
			jdbc.sql("""
					insert into transfer.job (id, study_id, department_id, user_id, user_name, kind, target, state,
					                          instances_total, attempts, requested_at, started_at, lease_until)
					values (:id, :study, :department, :user, :name, 'DOWNLOAD', :format, 'RUNNING', :total, 1, :now, :now, :lease)
					""")
				.param("id", id)
				.param("study", studyId.value())
				.param("department", authorized.study().departmentId())
				.param("user", actor.userId() == null ? null : actor.userId().value())
				.param("name", actor.name())
				.param("format", chosen)
				.param("total", instances.size())
				.param("now", Timestamp.from(now))
				.param("lease", Timestamp.from(now.plus(properties.lease())))
				.update();
			events.publishEvent(new StudyDownloaded(now, actor.asAuditActor(), id, studyId.value(), chosen,
					instances.size()));
			String name = (authorized.study().accessionNumber() == null ? "study"
					: authorized.study().accessionNumber().replaceAll("[^A-Za-z0-9._-]", "_")) + "-" + chosen + ".zip";
			return new Download(id, chosen, name, instances);
		});
	}

	/**
	 * Streams the download as a ZIP, one instance at a time from the archive, so that memory stays
	 * constant whatever the study's size; records the progress and the end in the job row.
	 */
	public void writeDownload(Download download, OutputStream out) throws IOException {
		int done = 0;
		try {
			ZipOutputStream zip = new ZipOutputStream(out);
			zip.setLevel(Deflater.BEST_SPEED);
			List<String> seriesOrder = new ArrayList<>();
			for (ArchiveFiles.Instance instance : download.instances()) {
				if (!seriesOrder.contains(instance.seriesId())) {
					seriesOrder.add(instance.seriesId());
				}
				String entry = "series-%03d/%s.%s".formatted(seriesOrder.indexOf(instance.seriesId()) + 1,
						instance.sopInstanceUid().isEmpty() ? instance.id() : instance.sopInstanceUid(),
						"jpeg".equals(download.format()) ? "jpg" : "dcm");
				try (ArchiveFiles.Body body = "jpeg".equals(download.format()) ? archive.jpeg(instance)
						: archive.file(instance)) {
					zip.putNextEntry(new ZipEntry(entry));
					body.stream().transferTo(zip);
					zip.closeEntry();
				}
				done++;
				if (done % 10 == 0) {
					progress(download.transferId(), done);
				}
			}
			zip.finish();
			zip.flush();
			end(download.transferId(), "DONE", done, null);
		}
		catch (IOException | RuntimeException ex) {
			end(download.transferId(), "FAILED", done,
					ex instanceof ArchiveUnavailableException ? "the archive cannot be reached"
							: "the download broke off");
			throw ex;
		}
	}

	private void progress(UUID id, int done) {
		jdbc.sql("update transfer.job set instances_done = :done, lease_until = :lease where id = :id")
			.param("done", done)
			.param("lease", Timestamp.from(clock.instant().plus(properties.lease())))
			.param("id", id)
			.update();
	}

	private void end(UUID id, String state, int done, String error) {
		jdbc.sql("""
				update transfer.job set state = :state, instances_done = :done, error = :error, finished_at = :now,
				       lease_until = null where id = :id
				""")
			.param("state", state)
			.param("done", done)
			.param("error", error)
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
	}

	// ---------------------------------------------------------------- shared

	private static final String SELECT = """
			select id, study_id, user_name, kind, target, state, instances_done, instances_total, attempts, error,
			       requested_at, finished_at
			from transfer.job""";

	private static TransferView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Integer total = (Integer) rs.getObject("instances_total");
		Timestamp finished = rs.getTimestamp("finished_at");
		return new TransferView(rs.getObject("id", UUID.class), rs.getObject("study_id", UUID.class),
				rs.getString("user_name"), rs.getString("kind"), rs.getString("target"), rs.getString("state"),
				rs.getInt("instances_done"), total, rs.getInt("attempts"), rs.getString("error"),
				rs.getTimestamp("requested_at").toInstant(), finished == null ? null : finished.toInstant());
	}

	private boolean requestedBy(Actor actor, UUID transferId) {
		return actor.isUser() && jdbc.sql("select count(*) from transfer.job where id = :id and user_id = :user")
			.param("id", transferId)
			.param("user", actor.userId().value())
			.query(Integer.class)
			.single() == 1;
	}

}
