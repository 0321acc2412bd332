package org.studygate.archive;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.studygate.study.Registrations;
import org.studygate.study.StudyId;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reflects studies deleted from the archive: Orthanc's change feed reports no deletion,
 * so every {@code reconcile-interval} the registered studies with images are checked
 * against the archive; one it no longer holds keeps its registration (and its access and
 * log) but no longer counts images or points at the archive. Unmatched studies the
 * archive no longer holds leave the desk (decision 049).
 */
@Component
class ArchiveReconciliation {

	private static final Logger log = LoggerFactory.getLogger(ArchiveReconciliation.class);

	private static final int PAGE = 200;

	private final ArchiveProperties properties;

	private final OrthancChanges changes;

	private final Registrations registrations;

	private final ArchiveStore store;

	ArchiveReconciliation(ArchiveProperties properties, OrthancChanges changes, Registrations registrations,
			ArchiveStore store) {
		this.properties = properties;
		this.changes = changes;
		this.registrations = registrations;
		this.store = store;
	}

	@Scheduled(fixedDelayString = "${studygate.archive.reconcile-interval:PT1H}",
			initialDelayString = "${studygate.archive.reconcile-initial-delay:PT10M}")
	void scheduled() {
		if (!properties.configured()) {
			return;
		}
		try {
			reconcile();
		}
		catch (ArchiveUnavailableException ex) {
			log.warn("The archive did not answer; studies deleted there are checked next time ({})", ex.getMessage());
		}
	}

	/**
	 * Checks every registered study with images and every unmatched study against the
	 * archive.
	 * @return how many studies were found deleted from the archive
	 */
	int reconcile() {
		int removed = 0;
		StudyId after = null;
		while (true) {
			List<Registrations.Located> page = registrations.located(after, PAGE);
			for (Registrations.Located located : page) {
				if (!changes.holds(located.archiveLocation()) && registrations.recordRemoval(located.id())) {
					log.info("Study {} was deleted from the archive; its images are no longer counted", located.id());
					removed++;
				}
			}
			if (page.size() < PAGE) {
				break;
			}
			after = page.get(page.size() - 1).id();
		}
		for (UnmatchedStudy unmatched : store.unmatched(Integer.MAX_VALUE)) {
			if (!changes.holds(unmatched.archiveId())) {
				store.matched(unmatched.studyInstanceUid());
			}
		}
		return removed;
	}

}
