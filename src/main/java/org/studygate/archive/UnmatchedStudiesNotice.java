package org.studygate.archive;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.studygate.directory.AdministrationNotice;

import org.springframework.stereotype.Component;

/**
 * The number of studies of the archive that are not registered, on the service desk's
 * start page and as the gauge {@code studygate.archive.unmatched.studies}
 * (docs/operations.md).
 */
@Component
class UnmatchedStudiesNotice implements AdministrationNotice, MeterBinder {

	private final ArchiveStore store;

	UnmatchedStudiesNotice(ArchiveStore store) {
		this.store = store;
	}

	@Override
	public String messageKey() {
		return "archive.unmatched.home";
	}

	@Override
	public String href() {
		return "/admin/unmatched";
	}

	@Override
	public long count() {
		return store.unmatchedCount();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("studygate.archive.unmatched.studies", store, ArchiveStore::unmatchedCount)
			.description("Studies of the image archive that are not registered (the unmatched-studies desk)")
			.register(registry);
	}

}
