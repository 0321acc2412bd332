package org.studygate.transfer.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.Actor;
import org.studygate.study.StudyId;
import org.studygate.transfer.Downloads;

/**
 * The download answer both the page and the API give: decided and logged first, then the
 * ZIP streamed.
 */
final class ZipDownload {

	private ZipDownload() {
	}

	static void stream(Downloads downloads, Actor actor, StudyId study, String format, HttpServletResponse response)
			throws IOException {
		Downloads.Download download = downloads.prepare(actor, study, format);
		response.setStatus(200);
		response.setContentType("application/zip");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"");
		response.setHeader("Cache-Control", "no-store");
		downloads.write(download, response.getOutputStream());
		response.flushBuffer();
	}

}
