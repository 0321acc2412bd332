package org.studygate.transfer.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.Actor;
import org.studygate.study.StudyId;
import org.studygate.transfer.Transfers;

/** The download answer both the page and the API give: decided and logged first, then the ZIP streamed. */
final class Downloads {

	private Downloads() {
	}

	static void stream(Transfers transfers, Actor actor, StudyId study, String format, HttpServletResponse response)
			throws IOException {
		Transfers.Download download = transfers.prepareDownload(actor, study, format);
		response.setStatus(200);
		response.setContentType("application/zip");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"");
		response.setHeader("Cache-Control", "no-store");
		transfers.writeDownload(download, response.getOutputStream());
		response.flushBuffer();
	}

}
