package org.studygate;

import java.nio.file.Path;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Another running application holds the data directory's lock
 * (docs/decisions/043-crash-safe-embedded-database.md): the start is refused with what to
 * do, without a stack trace.
 */
class DataDirectoryInUse extends IllegalStateException {

	private final Path directory;

	DataDirectoryInUse(Path directory) {
		super("Another Studygate application is running on the data directory " + directory + " (it holds "
				+ DataDirectoryLock.NAME + ")");
		this.directory = directory;
	}

	static class Analyzer extends AbstractFailureAnalyzer<DataDirectoryInUse> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUse cause) {
			return new FailureAnalysis(cause.getMessage() + ".",
					"Stop that application first, or give this one another directory with STUDYGATE_DATA_DIR"
							+ " (docs/operations.md#crashes-and-restarts). Data directory: " + cause.directory,
					null);
		}

	}

}
