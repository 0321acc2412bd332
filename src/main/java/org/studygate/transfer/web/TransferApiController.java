package org.studygate.transfer.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.studygate.InvalidInputException;
import org.studygate.department.DepartmentId;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;
import org.studygate.transfer.Destination;
import org.studygate.transfer.DestinationId;
import org.studygate.transfer.Destinations;
import org.studygate.transfer.Downloads;
import org.studygate.transfer.Forwards;
import org.studygate.transfer.TransferId;
import org.studygate.transfer.TransferView;

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
 * Forward, download and destinations in the REST API: {@code POST
 * /studies/{id}/transfers}, {@code GET /transfers/{id}}, {@code POST
 * /transfers/{id}/cancel}, {@code GET /studies/{id}/download}, and the destinations of a
 * department and of the user.
 */
@RestController
@RequestMapping("/api/v1")
class TransferApiController {

	private final Forwards forwards;

	private final Downloads downloads;

	private final Destinations destinations;

	TransferApiController(Forwards forwards, Downloads downloads, Destinations destinations) {
		this.forwards = forwards;
		this.downloads = downloads;
		this.destinations = destinations;
	}

	/**
	 * A forward asked for; a destination id that is no UUID is answered 400 naming the
	 * field.
	 */
	record ForwardRequest(UUID destinationId) {

	}

	@PostMapping("/studies/{id}/transfers")
	ResponseEntity<TransferView> forward(Actor actor, @PathVariable StudyId id,
			@RequestBody(required = false) ForwardRequest request) {
		if (request == null || request.destinationId() == null) {
			throw new InvalidInputException("destinationId", "is required");
		}
		TransferView view = forwards.forward(actor, id, new DestinationId(request.destinationId()));
		return ResponseEntity.created(URI.create("/api/v1/transfers/" + view.id())).body(view);
	}

	@GetMapping("/transfers/{id}")
	TransferView transfer(Actor actor, @PathVariable TransferId id) {
		return forwards.find(actor, id);
	}

	@PostMapping("/transfers/{id}/cancel")
	TransferView cancel(Actor actor, @PathVariable TransferId id) {
		return forwards.cancel(actor, id);
	}

	@GetMapping("/studies/{id}/download")
	void download(Actor actor, @PathVariable StudyId id, @RequestParam(required = false) String format,
			HttpServletResponse response) throws IOException {
		ZipDownload.stream(downloads, actor, id, format, response);
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
	ResponseEntity<DestinationItem> addOwn(Actor actor,
			@RequestBody(required = false) Destinations.DestinationForm form) {
		DestinationItem item = DestinationItem.of(destinations.addOwnDestination(actor, required(form)));
		return ResponseEntity.created(URI.create("/api/v1/transfer-destinations/" + item.id())).body(item);
	}

	@GetMapping("/departments/{departmentId}/transfer-destinations")
	Items<DestinationItem> ofDepartment(Actor actor, @PathVariable DepartmentId departmentId) {
		return new Items<>(
				destinations.departmentDestinations(actor, departmentId).stream().map(DestinationItem::of).toList(),
				null);
	}

	@PostMapping("/departments/{departmentId}/transfer-destinations")
	ResponseEntity<DestinationItem> addToDepartment(Actor actor, @PathVariable DepartmentId departmentId,
			@RequestBody(required = false) Destinations.DestinationForm form) {
		DestinationItem item = DestinationItem
			.of(destinations.addDepartmentDestination(actor, departmentId, required(form)));
		return ResponseEntity.created(URI.create("/api/v1/transfer-destinations/" + item.id())).body(item);
	}

	@DeleteMapping("/transfer-destinations/{id}")
	ResponseEntity<Void> remove(Actor actor, @PathVariable DestinationId id) {
		destinations.removeDestination(actor, id);
		return ResponseEntity.noContent().build();
	}

	record TestResult(boolean ok, String error) {

	}

	@PostMapping("/transfer-destinations/{id}/test")
	TestResult test(Actor actor, @PathVariable DestinationId id) {
		return destinations.test(actor, id)
			.map(error -> new TestResult(false, error))
			.orElse(new TestResult(true, null));
	}

	private static Destinations.DestinationForm required(Destinations.DestinationForm form) {
		if (form == null) {
			throw new InvalidInputException("name", "is required");
		}
		return form;
	}

}
