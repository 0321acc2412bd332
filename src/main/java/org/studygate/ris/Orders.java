package org.studygate.ris;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import org.studygate.InvalidInputException;
import org.studygate.audit.AuditActor;
import org.studygate.department.Department;
import org.studygate.study.StudyId;
import org.studygate.study.StudyOrders;
import org.studygate.study.StudyRegistration;

import org.springframework.stereotype.Component;

/**
 * Orders as in IHE Scheduled Workflow (RAD-4, RAD-13; docs/guide/ris-interface.md): ORC-1
 * {@code NW} places or updates an order, {@code XO} updates and restores it, {@code CA}
 * and {@code DC} cancel it; the study with its accession number (OBR-18) follows, now or
 * when it arrives.
 */
@Component
class Orders {

	private final StudyOrders studyOrders;

	private final RisStore store;

	private final Clock clock;

	Orders(StudyOrders studyOrders, RisStore store, Clock clock) {
		this.studyOrders = studyOrders;
		this.store = store;
		this.clock = clock;
	}

	void apply(Message message, Department department, AuditActor ris) throws HL7Exception {
		Terser terser = new Terser(message);
		String control = upper(terser.get("/.ORC-1"));
		String accession = value(terser.get("/.OBR-18"));
		String placer = value(terser.get("/.ORC-2-1"));
		switch (control == null ? "" : control) {
			case "NW", "XO" -> place(terser, department, required(accession, "OBR-18 (accession number)"), placer, ris);
			case "CA", "DC" -> cancel(department, accession, placer, ris);
			default -> throw new MessageRefused("ORC-1 order control " + control + " is not applied");
		}
	}

	private void place(Terser terser, Department department, String accession, String placer, AuditActor ris)
			throws HL7Exception {
		StudyRegistration.PatientData patient = patient(terser);
		StudyRegistration.OrderData order;
		try {
			order = new StudyRegistration.OrderData(accession, optional(terser, "/.PV1-8-1"), copies(terser));
		}
		catch (InvalidInputException ex) {
			throw new MessageRefused(hl7Field(ex.field()) + " " + ex.getMessage());
		}
		boolean payment = "Y".equalsIgnoreCase(optional(terser, "/." + department.settings().ris().paymentField()));
		String uid = optional(terser, "/.ZDS-1-1");
		place(department, patient, order, placer, uid != null ? uid : optional(terser, "/.IPC-3"), payment, ris);
	}

	/**
	 * Places or updates the order of a department, from HL7 or the API: kept with its
	 * placer number, Study Instance UID and payment requirement; the study with its
	 * accession number joins it (restored if cancelled), now or when it arrives.
	 * @return the study joined to the order
	 */
	Optional<StudyId> place(Department department, StudyRegistration.PatientData patient,
			StudyRegistration.OrderData order, String placer, String uid, boolean payment, AuditActor ris) {
		String accession = order.orderNumber();
		RisStore.RisOrder placed = new RisStore.RisOrder(accession, placer, uid, false, payment);
		store.saveOrder(department.id().value(), placed, clock.instant());
		Optional<StudyId> study = studyOrders.place(department.id(), patient, order);
		study.ifPresent(id -> {
			studyOrders.uncancel(ris, id, "order " + accession + " placed again");
			studyOrders.requirePayment(id, payment);
		});
		return study;
	}

	private void cancel(Department department, String accession, String placer, AuditActor ris) {
		if (accession == null && placer == null) {
			throw new MessageRefused("OBR-18 (accession number) or ORC-2 (placer order number) is required");
		}
		RisStore.RisOrder order = store.findOrder(department.id().value(), accession, placer)
			.orElseThrow(() -> new MessageRefused("unknown order"));
		store.saveOrder(department.id().value(), new RisStore.RisOrder(order.accessionNumber(), order.placerNumber(),
				order.studyInstanceUid(), true, order.paymentRequired()), clock.instant());
		studyOrders.findByAccession(department.id(), order.accessionNumber())
			.ifPresent(id -> studyOrders.cancel(ris, id, "order " + order.accessionNumber() + " cancelled"));
	}

	/**
	 * Brings a study that has just been registered in line with its order: joined to it,
	 * cancelled when the order was, with the order's payment requirement.
	 */
	void onRegistered(StudyId id, Department department, String accession, AuditActor ris) {
		Optional<RisStore.RisOrder> order = store.findOrder(department.id().value(), accession, null);
		if (order.isEmpty()) {
			return;
		}
		studyOrders.joinOrder(id);
		if (order.get().cancelled()) {
			studyOrders.cancel(ris, id, "order " + accession + " cancelled");
		}
		if (order.get().paymentRequired()) {
			studyOrders.requirePayment(id, true);
		}
	}

	/** The patient of PID: PID-3, PID-5, PID-7, PID-8, PID-19. */
	static StudyRegistration.PatientData patient(Terser terser) throws HL7Exception {
		try {
			return new StudyRegistration.PatientData(terser.get("/.PID-3-1"), name(terser, "/.PID-5"),
					birthDate(terser.get("/.PID-7-1")), sex(terser.get("/.PID-8")), optional(terser, "/.PID-19"), null,
					null);
		}
		catch (InvalidInputException ex) {
			throw new MessageRefused(hl7Field(ex.field()) + " " + ex.getMessage());
		}
	}

	private static List<String> copies(Terser terser) throws HL7Exception {
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String number = value(terser.get("/.OBR-28(" + i + ")-1"));
			if (number == null) {
				break;
			}
			numbers.add(number);
		}
		return numbers;
	}

	private static String name(Terser terser, String path) throws HL7Exception {
		String family = value(terser.get(path + "-1-1"));
		String given = value(terser.get(path + "-2"));
		String middle = value(terser.get(path + "-3"));
		if (family == null) {
			return null;
		}
		return family + (given == null ? "" : "^" + given + (middle == null ? "" : "^" + middle));
	}

	private static LocalDate birthDate(String value) {
		if (value == null || value.length() < 8) {
			throw new InvalidInputException("patient.birthDate", "must be a date (YYYYMMDD)");
		}
		try {
			return LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("patient.birthDate", "must be a date (YYYYMMDD)");
		}
	}

	private static String sex(String value) {
		String sex = upper(value);
		return sex == null || List.of("M", "F").contains(sex) ? sex : "O";
	}

	private static String hl7Field(String field) {
		return switch (field) {
			case "patient.patientId" -> "PID-3";
			case "patient.name" -> "PID-5";
			case "patient.birthDate" -> "PID-7";
			case "patient.nationalId" -> "PID-19";
			case "order.referringPhysicianNumber" -> "PV1-8";
			case "order.ccPhysicianNumbers" -> "OBR-28";
			default -> "OBR-18";
		};
	}

	private static String required(String value, String field) {
		if (value == null) {
			throw new MessageRefused(field + " is required");
		}
		return value;
	}

	/**
	 * A field of a segment the message may lack. The segment is looked for first: a
	 * missing one would cost the terser a search of the whole message and an exception.
	 */
	static String optional(Terser terser, String path) {
		try {
			if (!Hl7.has(terser.getFinder().getRoot(), segmentOf(path))) {
				return null;
			}
			return value(terser.get(path));
		}
		catch (HL7Exception ex) {
			return null;
		}
	}

	/** "ZDS" of "/.ZDS-1-1". */
	private static String segmentOf(String path) {
		String field = path.startsWith("/.") ? path.substring(2) : path;
		int dash = field.indexOf('-');
		return dash < 0 ? field : field.substring(0, dash);
	}

	static String value(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String upper(String value) {
		return value == null || value.isBlank() ? null : value.strip().toUpperCase(java.util.Locale.ROOT);
	}

}
