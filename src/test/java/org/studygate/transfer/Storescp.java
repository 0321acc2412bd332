package org.studygate.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * dcmtk's {@code storescp} as a local PACS: on a free loopback port, writing what it
 * receives bit-preserving ({@code +B}) into a temporary directory.
 */
public final class Storescp implements AutoCloseable {

	public final int port;

	final Path directory;

	private final Process process;

	/**
	 * @param options further storescp options, e.g. {@code --ignore} to receive without
	 * writing
	 */
	public Storescp(String aeTitle, String... options) {
		try {
			directory = Files.createTempDirectory("storescp");
			port = freePort();
			List<String> command = new java.util.ArrayList<>(
					List.of("storescp", "-aet", aeTitle, "+B", "-od", directory.toString()));
			command.addAll(List.of(options));
			command.add(Integer.toString(port));
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolveSibling(directory.getFileName() + ".log").toFile())
				.start();
			await("storescp started").atMost(Duration.ofSeconds(60))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					try (Socket socket = new Socket("127.0.0.1", port)) {
						return true;
					}
				});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The files received so far. */
	public List<Path> received() {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		process.destroy();
		try {
			process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The data set of a DICOM file without its preamble and file meta information (group
	 * 0002), which each writer fills with its own implementation UID and AE titles.
	 */
	static byte[] dataSet(byte[] file) {
		int offset = 132;
		// (0002,0000) UL group length, explicit VR little endian: tag 4, VR 2, length 2,
		// value 4
		long groupLength = (file[offset + 8] & 0xFFL) | (file[offset + 9] & 0xFFL) << 8
				| (file[offset + 10] & 0xFFL) << 16 | (file[offset + 11] & 0xFFL) << 24;
		int start = offset + 12 + (int) groupLength;
		return java.util.Arrays.copyOfRange(file, start, file.length);
	}

}
