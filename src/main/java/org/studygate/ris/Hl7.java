package org.studygate.ris;

import java.util.concurrent.Executors;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.GenericParser;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.NanoTimeGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import org.springframework.stereotype.Component;

/**
 * The HL7 v2 parser the listener and the message desk share (decision 050): lenient (no
 * validation; ER7 or XML), every version from 2.3 read into the 2.5 structures so that
 * one set of field paths serves all senders.
 */
@Component
class Hl7 {

	private final HapiContext context;

	Hl7() {
		this.context = newContext();
	}

	/**
	 * A context configured like the parser's, with its own threads: a stopped server
	 * shuts its context's threads down, so each start of the listener takes a new one.
	 */
	static HapiContext newContext() {
		HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5")) {

			private GenericParser parser;

			// the MLLP server parses every connection's messages with this one parser
			@Override
			public synchronized GenericParser getGenericParser() {
				if (parser == null) {
					parser = new OneAtATimeParser(this);
				}
				return parser;
			}

		};
		// HAPI's default pool is shared by all contexts and shut down by the first closed
		context.setExecutorService(Executors.newCachedThreadPool(task -> {
			Thread thread = new Thread(task, "hl7-listener");
			thread.setDaemon(true);
			return thread;
		}));
		context.setValidationContext(ValidationContextFactory.noValidation());
		context.getParserConfiguration().setAllowUnknownVersions(true);
		// control ids of acknowledgments from the clock, not from a file
		context.getParserConfiguration().setIdGenerator(new NanoTimeGenerator());
		return context;
	}

	/**
	 * A generic parser that parses one message at a time (decision 084): HAPI's pipe
	 * parser fills its cache of message structures on first use without a lock, and two
	 * connections whose first messages arrive together could each find a half-built
	 * structure and lose their segments.
	 */
	static final class OneAtATimeParser extends GenericParser {

		OneAtATimeParser(HapiContext context) {
			super(context);
		}

		@Override
		protected synchronized Message doParse(String message, String version) throws HL7Exception {
			return super.doParse(message, version);
		}

	}

	Parser parser() {
		return context.getGenericParser();
	}

	Message parse(String raw) throws HL7Exception {
		return parser().parse(raw);
	}

	/**
	 * An {@code AR} acknowledgment for a message the parser could not even answer: no
	 * usable header to echo.
	 */
	String rejection(String text) throws HL7Exception, java.io.IOException {
		ACK ack = new ACK(context.getModelClassFactory());
		ack.setParser(parser());
		ack.initQuickstart("ACK", null, "P");
		ack.getMSH().getSendingApplication().getNamespaceID().setValue("STUDYGATE");
		ack.getMSA().getAcknowledgmentCode().setValue(AcknowledgmentCode.AR.name());
		ack.getERR().getSeverity().setValue("E");
		ack.getERR().getUserMessage().setValue(text);
		return parser().encode(ack);
	}

	/** The header fields the desk keeps in clear. */
	record Header(String sendingFacility, String controlId, String messageType) {

		static Header of(Message message) throws HL7Exception {
			Terser terser = new Terser(message);
			String event = terser.get("/MSH-9-2");
			String type = terser.get("/MSH-9-1");
			return new Header(clean(terser.get("/MSH-4-1")), clean(terser.get("/MSH-10")),
					type == null ? null : event == null ? type : type + "^" + event);
		}

		private static String clean(String value) {
			return value == null || value.isBlank() ? null : value.strip();
		}

	}

	/**
	 * Whether a segment of this name is anywhere in the message or group, without the
	 * exception a terser throws for a missing one.
	 */
	static boolean has(Group group, String segment) throws HL7Exception {
		for (String name : group.getNames()) {
			for (Structure structure : group.getAll(name)) {
				if (structure instanceof Group inner ? has(inner, segment) : segment.equals(structure.getName())) {
					return true;
				}
			}
		}
		return false;
	}

}
