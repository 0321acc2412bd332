package org.studygate.ris;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.studygate.InvalidInputException;
import org.studygate.audit.AuditOutcome;
import org.studygate.department.Department;
import org.studygate.department.DepartmentCode;
import org.studygate.department.Departments;
import org.studygate.directory.Actor;
import org.studygate.study.StudyId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders registered through the API by a department without HL7
 * (docs/guide/ris-interface.md): the source admins of the department (and the service
 * desk) place them; they join their studies exactly as HL7 orders do. Each placement and
 * each refusal is logged ({@code ORDER_PLACED}).
 */
@Service
public class OrderRegistration {

	private final Departments departments;

	private final Orders orders;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrderRegistration(Departments departments, Orders orders, ApplicationEventPublisher events, Clock clock) {
		this.departments = departments;
		this.orders = orders;
		this.events = events;
		this.clock = clock;
	}

	/** The order as placed, with the study it joined, if one has arrived. */
	public record Placed(String departmentCode, String accessionNumber, String placerNumber, String studyId) {

	}

	/**
	 * Places or updates the order.
	 * @throws InvalidInputException when the department is unknown or a part is invalid
	 * @throws AccessDeniedException when the actor does not administer the department
	 */
	@Transactional
	public Placed place(Actor actor, OrderInput input) {
		if (input == null) {
			throw new InvalidInputException("order", "is required");
		}
		Department department = department(input.departmentCode());
		if (!actor.administers(department.id().value())) {
			events.publishEvent(new OrderPlaced(clock.instant(), actor.asAuditActor(), null, AuditOutcome.DENIED,
					Map.of("department", department.code().value(), "reason", "not a source admin of the department")));
			throw new AccessDeniedException("only the department's source admins place orders");
		}
		var order = input.orderData();
		Optional<StudyId> study = orders.place(department, input.patientData(), order, input.placer(), input.uid(),
				Boolean.TRUE.equals(input.paymentRequired()), actor.asAuditActor());
		events.publishEvent(new OrderPlaced(clock.instant(), actor.asAuditActor(),
				study.map(StudyId::value).orElse(null), AuditOutcome.SUCCESS,
				Map.of("department", department.code().value(), "accession", order.orderNumber())));
		return new Placed(department.code().value(), order.orderNumber(), input.placer(),
				study.map(StudyId::toString).orElse(null));
	}

	private Department department(String code) {
		try {
			return departments.find(new DepartmentCode(code))
				.orElseThrow(() -> new InvalidInputException("departmentCode", "no department has this code"));
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("departmentCode", "no department has this code");
		}
	}

}
