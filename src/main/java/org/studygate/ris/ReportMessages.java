package org.studygate.ris;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v25.datatype.ED;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.segment.OBR;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import org.studygate.department.Department;
import org.studygate.study.PersonName;
import org.studygate.study.StudyId;
import org.studygate.study.StudyOrders;

import org.springframework.stereotype.Component;

/**
 * Reports as ORU^R01 carries them (docs/guide/ris-interface.md): OBR-18 (or the order
 * numbers ORC-2/ORC-3) finds the study, OBR-25 is the status, TX/FT/ST observations make
 * the text, an ED observation with a PDF the document, OBR-32 the radiologist and OBR-22
 * the report time.
 */
@Component
class ReportMessages {

	private static final int MAX_PDF_BYTES = 20 * 1024 * 1024;

	private final Reports reports;

	private final StudyOrders studyOrders;

	private final RisStore store;

	ReportMessages(Reports reports, StudyOrders studyOrders, RisStore store) {
		this.reports = reports;
		this.studyOrders = studyOrders;
		this.store = store;
	}

	void apply(Message message, Department department, Instant now) throws HL7Exception {
		if (!(message instanceof ORU_R01 oru)) {
			throw new MessageRefused("ORU^R01 structure not understood");
		}
		ORU_R01_ORDER_OBSERVATION order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
		OBR obr = order.getOBR();
		StudyId study = study(department, Orders.value(obr.getPlacerField1().getValue()),
				Orders.value(order.getORC().getPlacerOrderNumber().getEntityIdentifier().getValue()),
				Orders.value(order.getORC().getFillerOrderNumber().getEntityIdentifier().getValue()));
		ReportStatus status = ReportStatus.ofCode(obr.getResultStatus().getValue())
			.orElseThrow(() -> new MessageRefused("OBR-25 (result status) must be P, F, C or X"));
		List<String> lines = new ArrayList<>();
		byte[] pdf = null;
		for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
			OBX obx = observation.getOBX();
			String type = Orders.value(obx.getValueType().getValue());
			for (Varies value : obx.getObservationValue()) {
				if ("ED".equals(type)) {
					pdf = pdf(value.getData());
				}
				else if (value.getData() instanceof ca.uhn.hl7v2.model.Primitive primitive) {
					lines.add(primitive.getValue() == null ? "" : primitive.getValue().replace("\\.br\\", "\n"));
				}
			}
		}
		String text = lines.isEmpty() ? null : String.join("\n", lines);
		if (text == null && pdf == null && status != ReportStatus.CANCELLED) {
			throw new MessageRefused("OBX: neither text (TX, FT) nor a PDF (ED)");
		}
		reports.record(study, department.settings().reportRelease(), new RisStore.NewVersion(status, text, pdf,
				radiologist(obr),
				reportedAt(obr.getResultsRptStatusChngDateTime().getTime().getValue(), department.timeZone(), now)));
	}

	private StudyId study(Department department, String accession, String placer, String filler) {
		String number = accession;
		if (number == null) {
			for (String orderNumber : new String[] { placer, filler }) {
				if (number == null && orderNumber != null) {
					number = store.findOrder(department.id().value(), null, orderNumber)
						.map(RisStore.RisOrder::accessionNumber)
						.orElse(null);
				}
			}
		}
		if (number == null) {
			throw new MessageRefused("unknown order");
		}
		return studyOrders.findByAccession(department.id(), number)
			.orElseThrow(() -> new MessageRefused("unknown order"));
	}

	private static byte[] pdf(Type data) {
		if (!(data instanceof ED ed) || !"PDF".equalsIgnoreCase(Orders.value(ed.getDataSubtype().getValue()))) {
			throw new MessageRefused("OBX-5: an ED observation must carry a PDF (subtype PDF, Base64)");
		}
		try {
			byte[] pdf = Base64.getMimeDecoder().decode(ed.getData().getValue() == null ? "" : ed.getData().getValue());
			if (pdf.length < 5 || pdf.length > MAX_PDF_BYTES || !new String(pdf, 0, 5).equals("%PDF-")) {
				throw new MessageRefused("OBX-5: not a PDF document");
			}
			return pdf;
		}
		catch (IllegalArgumentException ex) {
			throw new MessageRefused("OBX-5: not Base64");
		}
	}

	private static String radiologist(OBR obr) {
		var name = obr.getPrincipalResultInterpreter().getNameOfPerson();
		String family = Orders.value(name.getFamilyName().getValue());
		String given = Orders.value(name.getGivenName().getValue());
		if (family == null) {
			return Orders.value(name.getIDNumber().getValue());
		}
		return new PersonName(given == null ? family : family + "^" + given).display();
	}

	static Instant reportedAt(String value, ZoneId zone, Instant fallback) {
		String digits = value == null ? "" : value.replaceAll("[^0-9].*$", "");
		if (digits.length() < 12) {
			return fallback;
		}
		try {
			String minutes = digits.substring(0, 12);
			String seconds = digits.length() >= 14 ? digits.substring(12, 14) : "00";
			return LocalDateTime.parse(minutes + seconds, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
				.atZone(zone)
				.toInstant();
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

}
