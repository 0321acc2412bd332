package org.studygate.ris.web;

import org.studygate.directory.Actor;
import org.studygate.ris.OrderInput;
import org.studygate.ris.OrderRegistration;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order registration for departments without HL7 (docs/api.md): {@code POST
 * /api/v1/orders}, the same order as an ORM^O01 {@code NW}.
 */
@RestController
class OrderApiController {

	private final OrderRegistration registration;

	OrderApiController(OrderRegistration registration) {
		this.registration = registration;
	}

	@PostMapping("/api/v1/orders")
	@ResponseStatus(HttpStatus.CREATED)
	OrderRegistration.Placed place(Actor actor, @RequestBody(required = false) OrderInput input) {
		return registration.place(actor, input);
	}

}
