package org.studygate.archive;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the image archive is (docs/product/08-configuration.md:
 * {@code STUDYGATE_ARCHIVE_URL}, {@code _USER}, {@code _PASSWORD}) and how Studygate
 * talks to it.
 *
 * @param url the archive's DICOMweb base URL, e.g. {@code http://orthanc:8042/dicom-web};
 * blank = no archive
 * @param changesUrl the Orthanc REST root whose {@code /changes} feed ingestion follows;
 * blank = the DICOMweb URL without its last path segment
 * @param pollInterval how often ingestion asks for changes
 * @param maxBackoff the longest wait between attempts while the archive is down
 * @param timeout how long one request to the archive may take to start answering
 * @param auditWindow retrievals of one study by one actor within this window make one log
 * entry
 * @param viewerUrl an external DICOMweb viewer's address with {@code {studyInstanceUid}}
 * in it; blank = no link
 * @param corsOrigins the origins of browser viewers allowed to call {@code /dicomweb}
 */
@ConfigurationProperties("studygate.archive")
public record ArchiveProperties(String url, String user, String password, String changesUrl, Duration pollInterval,
		Duration maxBackoff, Duration timeout, Duration auditWindow, String viewerUrl, List<String> corsOrigins) {

	public ArchiveProperties {
		url = blankToNull(url);
		user = blankToNull(user);
		password = password == null ? "" : password;
		if (url != null && url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		changesUrl = blankToNull(changesUrl);
		if (changesUrl == null && url != null) {
			changesUrl = url.substring(0, Math.max(url.indexOf("//") + 2, url.lastIndexOf('/')));
		}
		if (changesUrl != null && changesUrl.endsWith("/")) {
			changesUrl = changesUrl.substring(0, changesUrl.length() - 1);
		}
		pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
		maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
		timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
		auditWindow = auditWindow == null ? Duration.ofMinutes(30) : auditWindow;
		viewerUrl = blankToNull(viewerUrl);
		corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
		if (url != null) {
			URI.create(url);
		}
	}

	/** Whether an archive is configured at all. */
	public boolean configured() {
		return url != null;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
