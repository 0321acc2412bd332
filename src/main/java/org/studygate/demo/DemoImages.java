package org.studygate.demo;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.access.AccessControl;
import org.studygate.directory.Directory;
import org.studygate.directory.Users;
import org.studygate.study.Studies;
import org.studygate.study.Study;
import org.studygate.study.StudyFilter;
import org.studygate.study.StudyId;
import org.studygate.study.StudySummary;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fills the local archive with synthetic images for the demo studies people look at
 * first: the demo patient's study, then the first explore page (the newest hundred) of
 * every demo account. A study is made only when its last instance is missing, so a start
 * after an interrupted fill completes it and a later start makes nothing. The images
 * carry each study's UIDs, patient and accession and arrive in the registry through the
 * archive's change feed (docs/decisions/054-demo-images-in-a-local-orthanc.md).
 */
@Component
class DemoImages {

	private static final Logger log = LoggerFactory.getLogger(DemoImages.class);

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

	private final DemoArchive archive;

	private final Studies studies;

	private final AccessControl accessControl;

	private final Users users;

	private final Directory directory;

	private final DemoData demo;

	private final JsonMapper json;

	private final int ctSlices;

	private volatile Thread filling;

	DemoImages(DemoArchive archive, Studies studies, AccessControl accessControl, Users users, Directory directory,
			DemoData demo, JsonMapper json, @Value("${studygate.demo.ct-slices:40}") int ctSlices) {
		this.archive = archive;
		this.studies = studies;
		this.accessControl = accessControl;
		this.users = users;
		this.directory = directory;
		this.demo = demo;
		this.json = json;
		this.ctSlices = ctSlices;
	}

	/** Whether there is an archive to fill. */
	boolean possible() {
		return archive.configured();
	}

	/**
	 * Starts filling on a background thread of its own, so that the start is not held up.
	 */
	synchronized void fillInBackground() {
		if (filling != null && filling.isAlive()) {
			return;
		}
		filling = new Thread(this::fillQuietly, "demo-images");
		filling.setDaemon(true);
		filling.setPriority(Thread.MIN_PRIORITY);
		filling.start();
	}

	/** Stops a fill in progress; the next start completes it. */
	@jakarta.annotation.PreDestroy
	synchronized void stop() {
		if (filling != null) {
			filling.interrupt();
		}
	}

	private void fillQuietly() {
		try {
			long started = System.nanoTime();
			List<StudyId> wanted = wanted();
			log.info("Filling the image archive with demo images for {} studies in the background...", wanted.size());
			int made = fill(wanted);
			log.info("Demo images: {} studies made, {} already in the archive, in {} s.", made, wanted.size() - made,
					(System.nanoTime() - started) / 1_000_000_000);
		}
		catch (RuntimeException ex) {
			log.warn("Demo images were not all made ({}); the next start goes on.", ex.getMessage());
		}
	}

	/**
	 * The studies that should have images: the demo patient's first, then each demo
	 * account's first explore page, without duplicates.
	 */
	List<StudyId> wanted() {
		Set<StudyId> wanted = new LinkedHashSet<>();
		studies.findIdByUid(DemoData.PATIENT_STUDY_UID).ifPresent(wanted::add);
		for (DemoAccount account : demo.accounts()) {
			users.findByUsername(account.username())
				.flatMap(user -> directory.actorOf(user.id()))
				.ifPresent(actor -> studies
					.search(StudyFilter.none(), accessControl.visibleStudies(actor), null, Studies.MAX_PAGE)
					.stream()
					.map(StudySummary::id)
					.forEach(wanted::add));
		}
		return new ArrayList<>(wanted);
	}

	/**
	 * Makes the images of these studies that the archive lacks.
	 * @return how many studies were made now
	 */
	int fill(List<StudyId> ids) {
		int made = 0;
		for (StudyId id : ids) {
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
			Study study = studies.find(id).orElse(null);
			if (study != null && make(study)) {
				made++;
			}
		}
		return made;
	}

	/** Makes one study's images unless its last instance is stored already. */
	private boolean make(Study study) {
		String uid = study.studyInstanceUid();
		List<DemoSeries> series = DemoSeries.of(study.modality(), study.description(), ctSlices);
		if (archive.holds(DemoSeries.lastInstanceUid(uid, series))) {
			return false;
		}
		Map<String, String> common = studyTags(study);
		for (DemoSeries one : series) {
			for (int image = 1; image <= one.images(); image++) {
				ObjectNode tags = json.createObjectNode();
				common.forEach(tags::put);
				one.tags(uid, image).forEach(tags::put);
				archive.create(tags, SyntheticImages.png(one.pixels(uid, image), one.kind().size, one.kind().size,
						one.kind().eightBit));
			}
		}
		return true;
	}

	private static Map<String, String> studyTags(Study study) {
		Map<String, String> tags = new java.util.LinkedHashMap<>();
		tags.put("StudyInstanceUID", study.studyInstanceUid());
		tags.put("PatientID", study.patient().patientId());
		tags.put("PatientName", study.patient().name());
		if (study.patient().birthDate() != null) {
			tags.put("PatientBirthDate", DATE.format(study.patient().birthDate()));
		}
		if (study.patient().sex() != null) {
			tags.put("PatientSex", study.patient().sex());
		}
		tags.put("AccessionNumber", study.accessionNumber() == null ? "" : study.accessionNumber());
		tags.put("StudyDate", DATE.format(study.studyDate()));
		if (study.performedAt() != null) {
			tags.put("StudyTime", TIME.format(study.performedAt()));
		}
		tags.put("StudyDescription", study.description() == null ? "" : study.description());
		tags.put("StudyID", Integer.toString(Math.abs(study.studyInstanceUid().hashCode() % 100_000)));
		tags.put("InstitutionName", "Studygate demo");
		return tags;
	}

}
