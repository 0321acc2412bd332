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
 * keeping was not committed is not answered.
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
		if (notKept(e)) {
			// acknowledged means kept (decision 073): no answer, the sender sends it
			// again
			log.warn("a RIS message was not kept and is not acknowledged");
			return null;
		}
		try {
			desk.reject(incoming, "not parseable as HL7 v2");
		}
		catch (RuntimeException ex) {
			log.error("a rejected RIS message could not be kept", ex);
		}
		try {
			if (outgoing == null) {
				return hl7.rejection("message not parseable");
			}
			Message ack = hl7.parse(outgoing);
			Terser terser = new Terser(ack);
			terser.set("/MSA-1", AcknowledgmentCode.AR.name());
			terser.set("/ERR-8", "message not parseable");
			return hl7.parser().encode(ack);
		}
		catch (HL7Exception | java.io.IOException | RuntimeException ex) {
			return outgoing;
		}
	}

	private static boolean notKept(Throwable e) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof MessageNotKept) {
				return true;
			}
		}
		return false;
	}

}
