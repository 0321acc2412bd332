package org.studygate.transfer.web;

import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.transfer.DestinationAllowList;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The destination allow-list in the REST API, for the service desk:
 * {@code GET|PUT /api/v1/admin/transfer-allow-list} {@code {"entries": [...]}} (the
 * entries kept in the database; {@code configured} lists those of the configuration, read
 * only).
 */
@RestController
class AllowListApiController {

	private final DestinationAllowList allowList;

	AllowListApiController(DestinationAllowList allowList) {
		this.allowList = allowList;
	}

	record AllowList(List<String> entries, List<String> configured) {

		static AllowList of(DestinationAllowList.Entries entries) {
			return new AllowList(entries.kept(), entries.configured());
		}

	}

	record AllowListRequest(List<String> entries) {

	}

	@GetMapping("/api/v1/admin/transfer-allow-list")
	AllowList get(Actor actor) {
		return AllowList.of(allowList.entries(actor));
	}

	@PutMapping("/api/v1/admin/transfer-allow-list")
	ResponseEntity<AllowList> put(Actor actor, @RequestBody(required = false) AllowListRequest request) {
		if (request == null || request.entries() == null) {
			throw new InvalidInputException("entries", "is required (a list, possibly empty)");
		}
		return ResponseEntity.ok(AllowList.of(allowList.replace(actor, request.entries())));
	}

}
