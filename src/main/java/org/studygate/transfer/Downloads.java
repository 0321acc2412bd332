package org.studygate.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.studygate.ConflictException;
import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.access.AccessControl;
import org.studygate.access.Action;
import org.studygate.archive.ArchiveFiles;
import org.studygate.archive.ArchiveUnavailableException;
import org.studygate.directory.Actor;
import org.studygate.study.Study;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Downloading a study as a ZIP (docs/product/05-workflows.md, decision 023): decided
 * (DOWNLOAD), logged with its format and recorded as a transfer, then streamed from the
 * archive one instance at a time.
 */
@Service
public class Downloads {

	/** Download formats: the DICOM files as stored, or the images rendered as JPEG. */
	public static final Set<String> FORMATS = Set.of("dicom", "jpeg");

	private final TransferStore store;

	private final AccessControl access;

	private final ArchiveFiles archive;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final TransferProperties properties;

	Downloads(TransferStore store, AccessControl access, ArchiveFiles archive, ApplicationEventPublisher events,
			Clock clock, PlatformTransactionManager transactions, TransferProperties properties) {
		this.store = store;
		this.access = access;
		this.archive = archive;
		this.events = events;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
	}

	/** A download decided and logged, ready to stream. */
	public record Download(TransferId transferId, String format, String fileName,
			List<ArchiveFiles.Instance> instances) {

	}

	/**
	 * Decides DOWNLOAD, names the study's instances in the archive, and logs the download
	 * with its format; nothing is streamed yet, so that a refusal still answers with a
	 * problem.
	 */
	public Download prepare(Actor actor, StudyId studyId, String format) {
		String chosen = format == null || format.isBlank() ? "dicom" : format.strip().toLowerCase();
		if (!FORMATS.contains(chosen)) {
			throw new InvalidInputException("format", "must be dicom or jpeg");
		}
		return transactions.execute(status -> {
			Study study = access.require(actor, studyId, Action.DOWNLOAD).study();
			List<ArchiveFiles.Instance> instances = instancesOf(study);
			TransferId id = TransferId.random();
			Instant now = clock.instant();
			store.startDownload(id, studyId, study.departmentId(), actor.userId(), actor.name(), chosen,
					instances.size(), now, now.plus(properties.lease()));
			events.publishEvent(new StudyDownloaded(now, actor.asAuditActor(), id.value(), studyId.value(), chosen,
					instances.size()));
			String name = (study.accessionNumber() == null ? "study"
					: study.accessionNumber().replaceAll("[^A-Za-z0-9._-]", "_")) + "-" + chosen + ".zip";
			return new Download(id, chosen, name, instances);
		});
	}

	private List<ArchiveFiles.Instance> instancesOf(Study study) {
		List<ArchiveFiles.Instance> instances;
		try {
			instances = archive.instances(study.studyInstanceUid());
		}
		catch (ArchiveUnavailableException ex) {
			throw new ConflictException("the archive cannot be reached");
		}
		if (instances.isEmpty()) {
			throw new NotFoundException("images");
		}
		return instances;
	}

	/**
	 * Streams the download as a ZIP, one instance at a time from the archive, so that
	 * memory stays constant whatever the study's size; records the progress and the end
	 * in the job row.
	 */
	public void write(Download download, OutputStream out) throws IOException {
		int done = 0;
		try {
			ZipOutputStream zip = new ZipOutputStream(out);
			zip.setLevel(Deflater.BEST_SPEED);
			List<String> seriesOrder = new ArrayList<>();
			for (ArchiveFiles.Instance instance : download.instances()) {
				writeEntry(zip, download.format(), instance, seriesOrder);
				done++;
				if (done % 10 == 0) {
					store.downloadProgress(download.transferId(), done, clock.instant().plus(properties.lease()));
				}
			}
			zip.finish();
			zip.flush();
			store.downloadEnded(download.transferId(), "DONE", done, null, clock.instant());
		}
		catch (IOException | RuntimeException ex) {
			store.downloadEnded(download.transferId(), "FAILED", done, ex instanceof ArchiveUnavailableException
					? "the archive cannot be reached" : "the download broke off", clock.instant());
			throw ex;
		}
	}

	/**
	 * One instance as {@code series-NNN/<SOP Instance UID>.dcm|jpg}, series numbered as
	 * they come.
	 */
	private void writeEntry(ZipOutputStream zip, String format, ArchiveFiles.Instance instance,
			List<String> seriesOrder) throws IOException {
		if (!seriesOrder.contains(instance.seriesId())) {
			seriesOrder.add(instance.seriesId());
		}
		String entry = "series-%03d/%s.%s".formatted(seriesOrder.indexOf(instance.seriesId()) + 1,
				instance.sopInstanceUid().isEmpty() ? instance.id() : instance.sopInstanceUid(),
				"jpeg".equals(format) ? "jpg" : "dcm");
		try (ArchiveFiles.Body body = "jpeg".equals(format) ? archive.jpeg(instance) : archive.file(instance)) {
			zip.putNextEntry(new ZipEntry(entry));
			body.stream().transferTo(zip);
			zip.closeEntry();
		}
	}

}
