package org.studygate.ris;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.NanoTimeGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import org.springframework.core.io.ClassPathResource;

/**
 * A RIS as the tests play it: sample messages from the test resources with their
 * placeholders filled in, sent over MLLP by HAPI's own client or by a raw socket.
 */
final class RisSender {

	private static final char START = 0x0b;

	private static final char END = 0x1c;

	private RisSender() {
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A sample message with its {@code {{NAME}}} placeholders replaced. */
	static String message(String resource, Map<String, String> values) {
		try {
			String text = new ClassPathResource("ris/" + resource).getContentAsString(StandardCharsets.UTF_8);
			for (Map.Entry<String, String> value : values.entrySet()) {
				text = text.replace("{{" + value.getKey() + "}}", value.getValue());
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The placeholders of an order, to be changed with {@link Map#put}. */
	static Map<String, String> order(String department, String control, String accession) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("DEPT", department);
		values.put("CTRL", "MSG" + org.studygate.Fixtures.unique());
		values.put("CONTROL", control);
		values.put("ACC", accession);
		values.put("PLACER", "P" + accession);
		values.put("PID", "PAT" + org.studygate.Fixtures.unique());
		values.put("UID", "1.2.826.0.1.3680043." + Math.abs(System.nanoTime()));
		values.put("PAY", "N");
		return values;
	}

	/** Sends with HAPI's client; answers the acknowledgment code (MSA-1). */
	static String sendWithHapi(int port, String text) {
		try (HapiContext context = new DefaultHapiContext()) {
			context.setExecutorService(java.util.concurrent.Executors.newCachedThreadPool());
			context.setValidationContext(ValidationContextFactory.noValidation());
			context.getParserConfiguration().setIdGenerator(new NanoTimeGenerator());
			Connection connection = context.newClient("localhost", port, false);
			try {
				PipeParser parser = context.getPipeParser();
				Message ack = connection.getInitiator().sendAndReceive(parser.parse(text));
				return new Terser(ack).get("/MSA-1");
			}
			finally {
				connection.close();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Sends with a plain socket in MLLP framing; answers the whole acknowledgment. */
	static String sendRaw(int port, String text) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write((START + text + END + "\r").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return readFrame(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String readFrame(InputStream in) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		int b = in.read();
		while (b != START) {
			if (b < 0) {
				throw new IOException("connection closed before an answer");
			}
			b = in.read();
		}
		while ((b = in.read()) != END) {
			if (b < 0) {
				throw new IOException("answer not terminated");
			}
			frame.write(b);
		}
		in.read();
		return frame.toString(StandardCharsets.UTF_8);
	}

	/** MSA-1 of an acknowledgment in ER7. */
	static String ackCode(String ack) {
		for (String segment : ack.split("\r")) {
			if (segment.startsWith("MSA|")) {
				return segment.split("\\|")[1];
			}
		}
		throw new AssertionError("no MSA segment in " + ack);
	}

}
