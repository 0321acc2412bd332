package org.studygate.atna;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * One RFC 5424 message as a repository receives it, parsed; its XML validated against the
 * DICOM audit message schema kept in src/test/resources/atna on parsing.
 */
record SyslogMessage(int pri, String timestamp, String hostname, String appName, String procId, String msgId,
		long sequenceId, String xml) {

	private static final Pattern FRAME = Pattern.compile(
			"<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) \\[meta sequenceId=\"(\\d+)\"\\] \uFEFF(<AuditMessage>.*)",
			Pattern.DOTALL);

	private static final Schema SCHEMA = schema();

	static SyslogMessage parse(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		Matcher matcher = FRAME.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not an RFC 5424 message with the audit message: " + text);
		}
		SyslogMessage message = new SyslogMessage(Integer.parseInt(matcher.group(1)), matcher.group(2),
				matcher.group(3), matcher.group(4), matcher.group(5), matcher.group(6),
				Long.parseLong(matcher.group(7)), matcher.group(8));
		validate(message.xml());
		return message;
	}

	static void validate(String xml) {
		try {
			SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
		}
		catch (Exception ex) {
			throw new AssertionError("not a valid DICOM audit message: " + ex.getMessage() + "\n" + xml, ex);
		}
	}

	/** The text of an XPath expression over the message. */
	String xpath(String expression) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
			return (String) XPathFactory.newInstance().newXPath().evaluate(expression, document, XPathConstants.STRING);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	String eventId() {
		return xpath("/AuditMessage/EventIdentification/EventID/@csd-code");
	}

	String action() {
		return xpath("/AuditMessage/EventIdentification/EventTypeCode[@codeSystemName='99STUDYGATE']/@csd-code");
	}

	String user() {
		return xpath("/AuditMessage/ActiveParticipant[@UserIsRequestor='true']/@UserName");
	}

	private static Schema schema() {
		try {
			return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
				.newSchema(SyslogMessage.class.getResource("/atna/dicom-audit-message.xsd"));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
