package org.studygate.ris;

import java.time.Instant;
import java.util.List;

/**
 * A study's report as its readers see it (docs/api.md, {@code GET
 * /api/v1/studies/{id}/report}): the last version, and the earlier ones for those who
 * manage the study's access.
 *
 * @param pdfUrl where the report document is, {@code null} when there is none
 * @param availableToPatientAt from when the patient may read the report (decision 052);
 * {@code null} while it is not released
 * @param versions every version, newest first, for source admins and the service desk;
 * empty for everyone else
 * @param releasable whether the reader may release the final report to the patient now
 */
public record Report(int version, ReportStatus status, String text, Instant reportedAt, String radiologist,
		String pdfUrl, Instant availableToPatientAt, boolean releasable, List<Version> versions) {

	/** This report with its document at another address. */
	Report withPdfUrl(String url) {
		return new Report(version, status, text, reportedAt, radiologist, url, availableToPatientAt, releasable,
				versions);
	}

	/** One version of a report. */
	public record Version(int version, ReportStatus status, Instant reportedAt, String radiologist, String text) {

	}

}
