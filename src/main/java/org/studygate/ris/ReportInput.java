package org.studygate.ris;

import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import org.studygate.InvalidInputException;

/**
 * A report version sent through the API ({@code PUT /api/v1/studies/{id}/report}): a
 * status, and text, a PDF (Base64) or both.
 */
public record ReportInput(String status, String text, String pdfBase64, String radiologist, Instant reportedAt) {

	RisStore.NewVersion version(Instant now) {
		ReportStatus parsed;
		try {
			parsed = ReportStatus.valueOf(status == null ? "" : status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "must be PRELIMINARY, FINAL, CORRECTED or CANCELLED");
		}
		if (text != null && text.length() > 100_000) {
			throw new InvalidInputException("text", "must have at most 100000 characters");
		}
		if (radiologist != null && radiologist.length() > 200) {
			throw new InvalidInputException("radiologist", "must have at most 200 characters");
		}
		byte[] pdf = null;
		if (pdfBase64 != null && !pdfBase64.isBlank()) {
			try {
				pdf = Base64.getMimeDecoder().decode(pdfBase64);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("pdfBase64", "must be Base64");
			}
			if (pdf.length < 5 || !new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
				throw new InvalidInputException("pdfBase64", "must be a PDF document");
			}
		}
		if ((text == null || text.isBlank()) && pdf == null && parsed != ReportStatus.CANCELLED) {
			throw new InvalidInputException("text", "a report needs text or a PDF");
		}
		return new RisStore.NewVersion(parsed, text == null || text.isBlank() ? null : text, pdf,
				radiologist == null || radiologist.isBlank() ? null : radiologist.strip(),
				reportedAt == null ? now : reportedAt);
	}

}
