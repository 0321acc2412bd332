package org.studygate.transfer.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;
import org.studygate.transfer.Destination;
import org.studygate.transfer.Destinations;
import org.studygate.transfer.TransferView;
import org.studygate.transfer.Transfers;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forward, download and destinations in the REST API: {@code POST /studies/{id}/transfers},
 * {@code GET /transfers/{id}}, {@code POST /transfers/{id}/cancel}, {@code GET /studies/{id}/download},
 * and the destinations of a department and of the user.
 */
@RestController
@RequestMapping("/api/v1")
class TransferApiController {

	private final Transfers transfers;

	private final Destinations destinations;

	TransferApiController(Transfers transfers, Destinations destinations) {
		this.transfers = transfers;
		this.destinations = destinations;
	}

	record ForwardRequest(String destinationId) {

	}

	@PostMapping("/studies/{id}/transfers")
	ResponseEntity<TransferView> forward(Actor actor, @PathVariable String id, @RequestBody(required = false) ForwardRequest request) {
		if (request == null || request.destinationId() == null) {
			throw new InvalidInputException("destinationId", "is required");
		}
		TransferView view = transfers.forward(actor, studyId(id), uuid(request.destinationId(), "destinationId"));
		return ResponseEntity.created(URI.create("/api/v1/transfers/" + view.id())).body(view);
	}

	@GetMapping("/transfers/{id}")
	TransferView transfer(Actor actor, @PathVariable String id) {
		return transfers.find(actor, found(id));
	}

	@PostMapping("/transfers/{id}/cancel")
	TransferView cancel(Actor actor, @PathVariable String id) {
		return transfers.cancel(actor, found(id));
	}

	@GetMapping("/studies/{id}/download")
	void download(Actor actor, @PathVariable String id, @RequestParam(required = false) String format,
			HttpServletResponse response) throws IOException {
		Downloads.stream(transfers, actor, studyId(id), format, response);
	}

	record DestinationItem(String id, String name, String kind, String aeTitle, String host, Integer port, String url,
			String departmentId) {

		static DestinationItem of(Destination d) {
			return new DestinationItem(d.id().toString(), d.name(), d.kind().name(), d.aeTitle(), d.host(), d.port(),
					d.url(), d.departmentId() == null ? null : d.departmentId().toString());
		}

	}

	record Items<T>(List<T> items, String next) {

	}

	@GetMapping("/transfer-destinations")
	Items<DestinationItem> own(Actor actor) {
		return new Items<>(destinations.ownDestinations(actor).stream().map(DestinationItem::of).toList(), null);
	}

	@PostMapping("/transfer-destinations")
	ResponseEntity<DestinationItem> addOwn(Actor actor, @RequestBody(required = false) Destinations.DestinationForm form) {
		DestinationItem item = DestinationItem.of(destinations.addOwnDestination(actor, required(form)));
		return ResponseEntity.created(URI.create("/api/v1/transfer-destinations/" + item.id())).body(item);
	}

	@GetMapping("/departments/{departmentId}/transfer-destinations")
	Items<DestinationItem> ofDepartment(Actor actor, @PathVariable String departmentId) {
		return new Items<>(destinations.departmentDestinations(actor, found(departmentId))
			.stream()
			.map(DestinationItem::of)
			.toList(), null);
	}

	@PostMapping("/departments/{departmentId}/transfer-destinations")
	ResponseEntity<DestinationItem> addToDepartment(Actor actor, @PathVariable String departmentId,
			@RequestBody(required = false) Destinations.DestinationForm form) {
		DestinationItem item = DestinationItem
			.of(destinations.addDepartmentDestination(actor, found(departmentId), required(form)));
		return ResponseEntity.created(URI.create("/api/v1/transfer-destinations/" + item.id())).body(item);
	}

	@DeleteMapping("/transfer-destinations/{id}")
	ResponseEntity<Void> remove(Actor actor, @PathVariable String id) {
		destinations.removeDestination(actor, found(id));
		return ResponseEntity.noContent().build();
	}

	record TestResult(boolean ok, String error) {

	}

	@PostMapping("/transfer-destinations/{id}/test")
	TestResult test(Actor actor, @PathVariable String id) {
		return destinations.test(actor, found(id)).map(error -> new TestResult(false, error)).orElse(new TestResult(true, null));
	}

	private static Destinations.DestinationForm required(Destinations.DestinationForm form) {
		if (form == null) {
			throw new InvalidInputException("name", "is required");
		}
		return form;
	}

	static StudyId studyId(String id) {
		return new StudyId(found(id));
	}

	static UUID found(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("resource");
		}
	}

	private static UUID uuid(String id, String field) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "must be an identifier");
		}
	}

}
