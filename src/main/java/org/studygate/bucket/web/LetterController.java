package org.studygate.bucket.web;

import org.studygate.bucket.BucketId;
import org.studygate.bucket.Buckets;
import org.studygate.directory.Actor;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The letter of a printed reference number (decision 021), one handler for the printed
 * page's link and for the REST API: a PDF, never cached, rebuilt and logged on every
 * download.
 */
@RestController
class LetterController {

	private final Buckets buckets;

	LetterController(Buckets buckets) {
		this.buckets = buckets;
	}

	@GetMapping({ "/buckets/{id}/letter.pdf", "/api/v1/buckets/{id}/letter.pdf" })
	ResponseEntity<byte[]> letter(Actor actor, @PathVariable BucketId id) {
		byte[] pdf = buckets.letter(actor, id);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reference-number-" + id + ".pdf\"")
			.body(pdf);
	}

}
