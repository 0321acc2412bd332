package org.studygate.atna;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.studygate.audit.AuditEntry;

/**
 * Access log entries as DICOM PS3.15 A.5 audit messages (decision 059), written with the
 * JDK's StAX writer: the event ({@link AtnaEvent}) with Studygate's own action as a local
 * event type code, the user as the requesting participant with his client's address,
 * Studygate as the other participant, the configured audit source, and the study (its
 * Study Instance UID) and patient (the department's patient id) or the query.
 */
final class AuditMessages {

	static final String DCM = "DCM";

	static final String LOCAL = "99STUDYGATE";

	static final String RFC3881 = "RFC-3881";

	/** The Study Root query SOP class, named by a Query message's participant object. */
	static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";

	/** One factory per thread: a batch's messages are built on several (decision 083). */
	private static final ThreadLocal<XMLOutputFactory> FACTORY = ThreadLocal.withInitial(XMLOutputFactory::newFactory);

	private final AtnaProperties settings;

	private final String hostname;

	private final String processId;

	AuditMessages(AtnaProperties settings, String hostname) {
		this.settings = settings;
		this.hostname = hostname;
		this.processId = Long.toString(ProcessHandle.current().pid());
	}

	/** The message of one entry, UTF-8 XML; {@code subject} is null without a study. */
	byte[] of(AuditEntry entry, StudySubject subject) {
		// a Writer, encoded once at the end: the JDK's writer over an OutputStream
		// encodes and writes byte by byte (BENCHMARKS.md, "ATNA export")
		StringBuilderWriter out = new StringBuilderWriter();
		try {
			XMLStreamWriter xml = FACTORY.get().createXMLStreamWriter(out);
			// no XML declaration: UTF-8 and XML 1.0 are its defaults, and the syslog
			// message's byte order mark already says UTF-8 (decision 074)
			xml.writeStartElement("AuditMessage");
			AtnaEvent event = AtnaEvent.of(entry.action(), entry.studyId() != null);
			event(xml, entry, event);
			participants(xml, entry, event);
			source(xml);
			objects(xml, entry, event, subject);
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("audit message of entry " + entry.id() + " not written", ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** A Writer into an unsynchronized StringBuilder. */
	private static final class StringBuilderWriter extends Writer {

		private final StringBuilder text = new StringBuilder(2048);

		@Override
		public void write(char[] chars, int offset, int length) {
			text.append(chars, offset, length);
		}

		@Override
		public void write(String string, int offset, int length) {
			text.append(string, offset, offset + length);
		}

		@Override
		public void write(int c) {
			text.append((char) c);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return text.toString();
		}

	}

	private static void event(XMLStreamWriter xml, AuditEntry entry, AtnaEvent event) throws XMLStreamException {
		xml.writeStartElement("EventIdentification");
		xml.writeAttribute("EventActionCode", event.actionCode());
		xml.writeAttribute("EventDateTime", DateTimeFormatter.ISO_INSTANT.format(entry.at()));
		xml.writeAttribute("EventOutcomeIndicator", outcome(entry, event));
		coded(xml, "EventID", event.id(), DCM, event.name());
		if (event.typeCode() != null) {
			coded(xml, "EventTypeCode", event.typeCode(), DCM, event.typeName());
		}
		coded(xml, "EventTypeCode", entry.action(), LOCAL, entry.action());
		if (!"SUCCESS".equals(entry.outcome())) {
			xml.writeStartElement("EventOutcomeDescription");
			xml.writeCharacters(entry.outcome());
			xml.writeEndElement();
		}
		String purpose = entry.details().getOrDefault("purposeOfUse", entry.details().get("purpose"));
		if (purpose != null && purpose.matches("[A-Z]{2,10}")) {
			coded(xml, "PurposeOfUse", purpose, "2.16.840.1.113883.5.8", purpose);
		}
		xml.writeEndElement();
	}

	/**
	 * 0 success, 4 a refusal (and a failed login), 8 a failure of the platform
	 * (EventOutcomeIndicator).
	 */
	static String outcome(AuditEntry entry, AtnaEvent event) {
		return switch (entry.outcome()) {
			case "SUCCESS" -> "0";
			case "FAILURE" -> "110114".equals(event.id()) ? "4" : "8";
			default -> "4";
		};
	}

	private void participants(XMLStreamWriter xml, AuditEntry entry, AtnaEvent event) throws XMLStreamException {
		// no child elements: an empty element, not an end tag
		xml.writeEmptyElement("ActiveParticipant");
		xml.writeAttribute("UserID", clean(entry.actorId() == null ? entry.actorKind() : entry.actorId()));
		xml.writeAttribute("AlternativeUserID", entry.actorKind());
		xml.writeAttribute("UserName", clean(entry.actorName()));
		xml.writeAttribute("UserIsRequestor", "true");
		if (entry.clientIp() != null) {
			xml.writeAttribute("NetworkAccessPointID", clean(entry.clientIp()));
			xml.writeAttribute("NetworkAccessPointTypeCode", "2");
		}
		xml.writeStartElement("ActiveParticipant");
		xml.writeAttribute("UserID", settings.sourceId());
		xml.writeAttribute("AlternativeUserID", processId);
		xml.writeAttribute("UserIsRequestor", "false");
		xml.writeAttribute("NetworkAccessPointID", hostname);
		xml.writeAttribute("NetworkAccessPointTypeCode", "1");
		boolean transfer = "110102".equals(event.id());
		coded(xml, "RoleIDCode", transfer ? "110153" : "110152", DCM,
				transfer ? "Source Role ID" : "Destination Role ID");
		xml.writeEndElement();
		String destination = entry.details().get("destination");
		if (transfer && destination != null && !destination.isBlank()) {
			xml.writeStartElement("ActiveParticipant");
			xml.writeAttribute("UserID", clean(destination));
			xml.writeAttribute("UserIsRequestor", "false");
			coded(xml, "RoleIDCode", "110152", DCM, "Destination Role ID");
			xml.writeEndElement();
		}
	}

	private void source(XMLStreamWriter xml) throws XMLStreamException {
		xml.writeStartElement("AuditSourceIdentification");
		xml.writeAttribute("AuditEnterpriseSiteID", settings.enterpriseSiteId());
		xml.writeAttribute("AuditSourceID", settings.sourceId());
		coded(xml, "AuditSourceTypeCode", "4", DCM, "Application Server Process");
		xml.writeEndElement();
	}

	private static void objects(XMLStreamWriter xml, AuditEntry entry, AtnaEvent event, StudySubject subject)
			throws XMLStreamException {
		if ("110112".equals(event.id())) {
			query(xml, entry);
			return;
		}
		if (entry.studyId() != null) {
			String id = subject == null ? "urn:uuid:" + entry.studyId() : subject.studyInstanceUid();
			object(xml, id, "2", "3");
			coded(xml, "ParticipantObjectIDTypeCode", subject == null ? "STUDY" : "110180",
					subject == null ? LOCAL : DCM, subject == null ? "Study" : "Study Instance UID");
			details(xml, entry.details());
			xml.writeEndElement();
			if (subject != null && subject.patientId() != null) {
				object(xml, subject.patientId(), "1", "1");
				coded(xml, "ParticipantObjectIDTypeCode", "2", RFC3881, "Patient Number");
				xml.writeEndElement();
			}
		}
		else if (!entry.details().isEmpty()) {
			object(xml, "studygate:" + entry.action(), "2", "13");
			coded(xml, "ParticipantObjectIDTypeCode", "12", RFC3881, "URI");
			details(xml, entry.details());
			xml.writeEndElement();
		}
	}

	/** The query's terms as the Query message's participant object. */
	private static void query(XMLStreamWriter xml, AuditEntry entry) throws XMLStreamException {
		object(xml, STUDY_ROOT_FIND, "2", "3");
		coded(xml, "ParticipantObjectIDTypeCode", "110181", DCM, "SOP Class UID");
		StringBuilder terms = new StringBuilder();
		entry.details().forEach((key, value) -> terms.append(key).append('=').append(value).append('\n'));
		xml.writeStartElement("ParticipantObjectQuery");
		xml.writeCharacters(base64(terms.toString()));
		xml.writeEndElement();
		detail(xml, "TransferSyntax", "1.2.840.10008.1.2.1");
		xml.writeEndElement();
	}

	private static void object(XMLStreamWriter xml, String id, String type, String role) throws XMLStreamException {
		xml.writeStartElement("ParticipantObjectIdentification");
		xml.writeAttribute("ParticipantObjectID", clean(id));
		xml.writeAttribute("ParticipantObjectTypeCode", type);
		xml.writeAttribute("ParticipantObjectTypeCodeRole", role);
	}

	private static void details(XMLStreamWriter xml, Map<String, String> details) throws XMLStreamException {
		for (Map.Entry<String, String> detail : details.entrySet()) {
			detail(xml, detail.getKey(), detail.getValue());
		}
	}

	private static void detail(XMLStreamWriter xml, String type, String value) throws XMLStreamException {
		xml.writeEmptyElement("ParticipantObjectDetail");
		xml.writeAttribute("type", clean(type));
		xml.writeAttribute("value", base64(value == null ? "" : value));
	}

	private static void coded(XMLStreamWriter xml, String element, String code, String system, String text)
			throws XMLStreamException {
		xml.writeEmptyElement(element);
		xml.writeAttribute("csd-code", clean(code));
		xml.writeAttribute("codeSystemName", system);
		xml.writeAttribute("originalText", clean(text));
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	/** The text without the characters XML 1.0 cannot carry. */
	static String clean(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
			if (bad && out == null) {
				out = new StringBuilder(text.substring(0, i));
			}
			if (out != null) {
				out.append(bad ? '\uFFFD' : c);
			}
		}
		return out == null ? text : out.toString();
	}

}
