package org.studygate.ris;

import java.util.Map;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.ReceivingApplicationExceptionHandler;
import ca.uhn.hl7v2.protocol.impl.ApplicationRouterImpl;
import ca.uhn.hl7v2.util.Terser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the MLLP server calls for every message: a parsed message goes to the message
 * desk; one that cannot be parsed is kept as rejected and answered {@code AR}; one whose
 * own commit the database refused is kept as rejected too and answered {@code AR}; one
 * that could not be kept at all (the database down, the listener stopping) is not
 * answered, so that its sender sends it again.
 */
class Hl7Receiver implements ReceivingApplication<Message>, ReceivingApplicationExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(Hl7Receiver.class);

	private final MessageDesk desk;

	private final Hl7 hl7;

	Hl7Receiver(MessageDesk desk, Hl7 hl7) {
		this.desk = desk;
		this.hl7 = hl7;
	}

	@Override
	public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
		Object raw = metadata.get(ApplicationRouterImpl.RAW_MESSAGE_KEY);
		return desk.receive(raw instanceof String text ? text : message.encode(), message);
	}

	@Override
	public boolean canProcess(Message message) {
		return true;
	}

	/**
	 * A message the parser refused (or an application failure the desk did not catch):
	 * kept as rejected; the error acknowledgment the server made is answered with
	 * {@code AR}.
	 */
	@Override
	public String processException(String incoming, Map<String, Object> metadata, String outgoing, Exception e) {
		MessageNotKept notKept = notKept(e);
		if (notKept != null && (notKept.getCause() == null || !keptAsRejected(incoming, "could not be kept"))) {
			// acknowledged means kept (decision 073): the listener is stopping, the
			// commit
			// did not come in time, or the database keeps nothing now; no answer, the
			// sender sends it again
			log.warn("a RIS message was not kept and is not acknowledged");
			return null;
		}
		if (notKept != null) {
			// the database works but refused this message's own commit: sending it again
			// would block the sender's queue for ever, so it is kept as rejected, for the
			// desk, and answered AR
			return rejected(outgoing, "message could not be kept");
		}
		if (!keptAsRejected(incoming, "not parseable as HL7 v2")) {
			log.warn("an unparseable RIS message could not be kept and is not acknowledged");
			return null;
		}
		return rejected(outgoing, "message not parseable");
	}

	private boolean keptAsRejected(String incoming, String reason) {
		try {
			desk.reject(incoming, reason);
			return true;
		}
		catch (RuntimeException ex) {
			log.error("a rejected RIS message could not be kept", ex);
			return false;
		}
	}

	/** An {@code AR} with the reason as its only text (never the exception's). */
	private String rejected(String outgoing, String reason) {
		try {
			if (outgoing == null) {
				return hl7.rejection(reason);
			}
			Message ack = hl7.parse(outgoing);
			Terser terser = new Terser(ack);
			terser.set("/MSA-1", AcknowledgmentCode.AR.name());
			terser.set("/MSA-3", "");
			terser.set("/ERR-8", reason);
			return hl7.parser().encode(ack);
		}
		catch (HL7Exception | java.io.IOException | RuntimeException ex) {
			return outgoing;
		}
	}

	private static MessageNotKept notKept(Throwable e) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof MessageNotKept notKept) {
				return notKept;
			}
		}
		return null;
	}

}
