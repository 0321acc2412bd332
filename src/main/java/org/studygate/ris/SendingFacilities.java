package org.studygate.ris;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.studygate.department.Department;
import org.studygate.department.DepartmentChanged;
import org.studygate.department.Departments;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The department of a sending facility (MSH-4), kept in memory for the feed (decision
 * 072): departments and their mappings change rarely, and every message asked the
 * database for its own. Whatever the service desk changes in a department
 * ({@link DepartmentChanged}: registered, renamed, reconfigured) empties the cache when
 * the change is published and again when its transaction ends, and a look-up that began
 * before that does not put what it read; a change made outside the application (another
 * instance, a restored backup) is seen within {@link #KEPT}. Unknown facilities are not
 * kept, so a department registered for them is found at once.
 */
@Component
class SendingFacilities {

	/** How long a department found stays kept without a change seen. */
	static final Duration KEPT = Duration.ofSeconds(10);

	private final Departments departments;

	private final Cache<String, Department> kept = Caffeine.newBuilder()
		.expireAfterWrite(KEPT)
		.maximumSize(10_000)
		.build();

	private long generation;

	SendingFacilities(Departments departments) {
		this.departments = departments;
	}

	/** The department the facility names (its code or a mapping), if any. */
	Optional<Department> find(String facility) {
		if (facility == null || facility.isBlank()) {
			return Optional.empty();
		}
		String key = facility.strip().toUpperCase(Locale.ROOT);
		Department department = kept.getIfPresent(key);
		if (department != null) {
			return Optional.of(department);
		}
		long seen = generation();
		Optional<Department> found = departments.findBySendingFacility(key);
		found.ifPresent(value -> keep(key, value, seen));
		return found;
	}

	@EventListener
	void on(DepartmentChanged changed) {
		forget();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forget();
				}
			});
		}
	}

	private synchronized long generation() {
		return generation;
	}

	private synchronized void keep(String key, Department department, long seen) {
		if (generation == seen) {
			kept.put(key, department);
		}
	}

	private synchronized void forget() {
		generation++;
		kept.invalidateAll();
	}

}
