package org.studygate.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Messages applied per second over one MLLP connection and over four, orders (ORM^O01 NW)
 * and reports (ORU^R01) mixed, against a running instance with its HL7 listener on:
 * {@code -Dbench.hl7.host=localhost -Dbench.hl7.port=2575 -Dbench.department=RAD-NORTH
 * -Dbench.messages=2000 -Dbench.warm-up=200}. The time measured per message is from its
 * last byte sent to its acknowledgment's last byte received on the same machine: an upper
 * bound of the listener's time from last byte received to acknowledgment sent. Each order
 * is followed by reports for the same accession number once a study with it exists; here
 * none does, so every report is answered {@code AE} "unknown order" after the same
 * parsing, lookup and storing work as an applied one, minus the insert of the version.
 */
public final class RisMllpLoadDriver {

	private RisMllpLoadDriver() {
	}

	public static void main(String[] args) throws Exception {
		String host = System.getProperty("bench.hl7.host", "localhost");
		int port = Integer.getInteger("bench.hl7.port", 2575);
		String department = System.getProperty("bench.department", "RAD-NORTH");
		int messages = Integer.getInteger("bench.messages", 2000);
		int warmUp = Integer.getInteger("bench.warm-up", 200);
		for (int connections : new int[] { 1, 4 }) {
			run(host, port, department, warmUp, connections, "warm-up");
			run(host, port, department, messages, connections, "measured");
		}
	}

	private static void run(String host, int port, String department, int messages, int connections, String label)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		List<Future<List<Long>>> results = new ArrayList<>();
		long start = System.nanoTime();
		String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
		for (int c = 0; c < connections; c++) {
			int client = c;
			results.add(pool.submit(() -> send(host, port, department, messages / connections, run + client)));
		}
		List<Long> times = new ArrayList<>();
		for (Future<List<Long>> result : results) {
			times.addAll(result.get());
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		Collections.sort(times);
		long p95 = times.get((int) Math.min(times.size() - 1, Math.ceil(times.size() * 0.95) - 1));
		long p50 = times.get(times.size() / 2);
		System.out.printf("%s: %d connection(s), %d messages, %.0f messages/s, p50 %.1f ms, p95 %.1f ms%n", label,
				connections, times.size(), times.size() / seconds, p50 / 1e6, p95 / 1e6);
	}

	private static List<Long> send(String host, int port, String department, int count, String prefix)
			throws IOException {
		List<Long> times = new ArrayList<>(count);
		try (Socket socket = new Socket(host, port)) {
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < count; i++) {
				String accession = prefix + "-" + (i / 2);
				String message = i % 2 == 0 ? order(department, prefix + "O" + i, accession)
						: report(department, prefix + "R" + i, accession);
				byte[] frame = ("\u000b" + message + "\u001c\r").getBytes(StandardCharsets.UTF_8);
				out.write(frame);
				out.flush();
				long sent = System.nanoTime();
				String ack = read(in);
				times.add(System.nanoTime() - sent);
				if (!ack.contains("MSA|A")) {
					throw new IOException("no acknowledgment: " + ack);
				}
			}
		}
		return times;
	}

	private static String order(String department, String control, String accession) {
		return String.join("\r", "MSH|^~\\&|RIS|" + department + "|SG|SG|20261204120000||ORM^O01|" + control + "|P|2.3",
				"PID|1||BENCH" + accession + "||Bench^Patient||19700101|F", "PV1|1|O||||||PN.BENCH.1^Bench^Doctor",
				"ORC|NW|P" + accession,
				"OBR|1|P" + accession + "||CT^CT||||||||||||||" + accession + "||||||||||PN.BENCH.2^Copy^Doctor")
				+ "\r";
	}

	private static String report(String department, String control, String accession) {
		return String.join("\r", "MSH|^~\\&|RIS|" + department + "|SG|SG|20261204120000||ORU^R01|" + control + "|P|2.3",
				"PID|1||BENCH" + accession + "||Bench^Patient||19700101|F", "ORC|RE|P" + accession,
				"OBR|1|P" + accession + "||CT^CT||||||||||||||" + accession + "||||202612041200|||F",
				"OBX|1|TX|REPORT^Report||No abnormality.||||||F") + "\r";
	}

	private static String read(InputStream in) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		int b = in.read();
		while (b != 0x0b) {
			if (b < 0) {
				throw new IOException("closed");
			}
			b = in.read();
		}
		while ((b = in.read()) != 0x1c) {
			if (b < 0) {
				throw new IOException("closed");
			}
			frame.write(b);
		}
		in.read();
		return frame.toString(StandardCharsets.UTF_8);
	}

}
