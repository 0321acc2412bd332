package org.studygate.audit;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The archive files of the access log (docs/decisions/045-access-log-retention.md): a
 * month's entries with their links as CSV ({@link ArchiveCsv}) and a JSON manifest beside
 * it (first and last link, count, the CSV's SHA-256). Also checks a file against what was
 * recorded and against the links kept online.
 */
@Component
class ArchiveFile {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HexFormat HEX = HexFormat.of();

	private static final int CHUNK = 1000;

	/** What was written: the rows' count, first and last link, and the file's digest. */
	record Exported(long entries, Long firstSeq, byte[] firstLinkHash, Long lastSeq, byte[] lastLinkHash,
			String fileName, byte[] sha256) {

	}

	/** The result of checking a file: intact, or the first problem found. */
	record Check(boolean intact, String problem) {

	}

	private final JdbcClient streaming;

	private final JdbcClient jdbc;

	private final Path directory;

	ArchiveFile(JdbcTemplate template, JdbcClient jdbc,
			@Value("${studygate.audit.archive-dir:${studygate.data-dir:./var}/audit-archive}") Path directory) {
		JdbcTemplate fetching = new JdbcTemplate(template.getDataSource());
		fetching.setFetchSize(2000);
		this.streaming = JdbcClient.create(fetching);
		this.jdbc = jdbc;
		this.directory = directory;
	}

	Path directory() {
		return directory;
	}

	static String fileName(YearMonth month) {
		return "access-log-" + month + ".csv";
	}

	/**
	 * Writes the entries of a partition (its bounds) in chain order, then the manifest.
	 * Runs in the caller's transaction (the cursor needs one).
	 */
	Exported write(YearMonth month, java.sql.Timestamp[] bounds, Instant archivedAt) {
		String name = fileName(month);
		try {
			Files.createDirectories(directory);
			Path partial = directory.resolve(name + ".partial");
			MessageDigest digest = sha256();
			long[] count = { 0 };
			Object[][] ends = { null, null };
			try (Writer out = new BufferedWriter(new OutputStreamWriter(
					new DigestOutputStream(Files.newOutputStream(partial), digest), StandardCharsets.UTF_8))) {
				out.write(ArchiveCsv.header());
				streaming
					.sql("select l.seq, l.link_hash, e.entry_hash, e." + AuditStore.COLUMNS.replace(", ", ", e.")
							+ " from audit.entry e join audit.link l on l.entry_id = e.id and l.entry_at = e.at"
							+ " where e.at >= :from and e.at < :to order by l.seq")
					.param("from", bounds[0])
					.param("to", bounds[1])
					.query(rs -> {
						AuditEntry entry = AuditStore.entry(rs, 4);
						write(out, rs.getLong(1), rs.getBytes(2), rs.getBytes(3), entry);
						Object[] link = { rs.getLong(1), rs.getBytes(2) };
						ends[0] = ends[0] == null ? link : ends[0];
						ends[1] = link;
						count[0]++;
					});
			}
			Files.move(partial, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			Exported exported = new Exported(count[0], ends[0] == null ? null : (Long) ends[0][0],
					ends[0] == null ? null : (byte[]) ends[0][1], ends[1] == null ? null : (Long) ends[1][0],
					ends[1] == null ? null : (byte[]) ends[1][1], name, digest.digest());
			writeManifest(month, exported, archivedAt);
			return exported;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The archive file of " + month + " could not be written", ex);
		}
	}

	private static void write(Writer out, long seq, byte[] linkHash, byte[] entryHash, AuditEntry entry) {
		try {
			out.write(ArchiveCsv.row(Arrays.asList(Long.toString(seq), HEX.formatHex(linkHash),
					HEX.formatHex(entryHash), Long.toString(entry.id()), entry.at().toString(), entry.actorKind(),
					entry.actorId(), entry.actorName(), entry.channel(), entry.action(), entry.outcome(),
					entry.studyId() == null ? null : entry.studyId().toString(), entry.clientIp(), entry.userAgent(),
					AuditStore.json(entry.details()))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void writeManifest(YearMonth month, Exported exported, Instant archivedAt) throws IOException {
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("month", month.toString());
		manifest.put("entries", exported.entries());
		manifest.put("firstSeq", exported.firstSeq());
		manifest.put("firstLinkHash",
				exported.firstLinkHash() == null ? null : HEX.formatHex(exported.firstLinkHash()));
		manifest.put("lastSeq", exported.lastSeq());
		manifest.put("lastLinkHash", exported.lastLinkHash() == null ? null : HEX.formatHex(exported.lastLinkHash()));
		manifest.put("file", exported.fileName());
		manifest.put("sha256", HEX.formatHex(exported.sha256()));
		manifest.put("archivedAt", archivedAt.toString());
		Path partial = directory.resolve(exported.fileName() + ".manifest.partial");
		Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
		Files.move(partial, directory.resolve(manifest(exported.fileName())), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	static String manifest(String fileName) {
		return fileName.replaceFirst("\\.csv$", ".manifest.json");
	}

	/**
	 * Checks an archived month's file: its SHA-256 against the recorded one, each entry's
	 * content against its hash, each link against the link before it kept online, and the
	 * count and ends against the record.
	 */
	Check verify(ArchivedMonth recorded) {
		Path file = directory.resolve(recorded.fileName());
		try {
			if (!Files.isRegularFile(file)) {
				return new Check(false, "FILE_MISSING");
			}
			if (!HEX.formatHex(digest(file)).equals(recorded.fileSha256())) {
				return new Check(false, "FILE_CHANGED");
			}
			List<List<String>> rows = new ArrayList<>();
			String[] ends = { null, null };
			long count = 0;
			try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				if (!String.join(",", ArchiveCsv.HEADER).equals(in.readLine())) {
					return new Check(false, "NOT_AN_ARCHIVE");
				}
				for (List<String> row = ArchiveCsv.read(in); row != null; row = ArchiveCsv.read(in)) {
					ends[0] = ends[0] == null ? row.get(0) + ":" + row.get(1) : ends[0];
					ends[1] = row.get(0) + ":" + row.get(1);
					count++;
					rows.add(row);
					String problem = rows.size() == CHUNK ? checkChunk(rows) : null;
					if (problem != null) {
						return new Check(false, problem);
					}
				}
			}
			String problem = checkChunk(rows);
			boolean endsMatch = count == recorded.entries()
					&& (count == 0 || (recorded.firstSeq() + ":" + recorded.firstLinkHash()).equals(ends[0])
							&& (recorded.lastSeq() + ":" + recorded.lastLinkHash()).equals(ends[1]));
			return problem != null ? new Check(false, problem)
					: endsMatch ? new Check(true, null) : new Check(false, "RECORD_MISMATCH");
		}
		catch (IOException | RuntimeException ex) {
			return new Check(false, "UNREADABLE");
		}
	}

	/** Checks some consecutive rows against the links online, then forgets them. */
	private String checkChunk(List<List<String>> rows) {
		if (rows.isEmpty()) {
			return null;
		}
		long low = Long.parseLong(rows.get(0).get(0)) - 1;
		long high = Long.parseLong(rows.get(rows.size() - 1).get(0));
		Map<Long, byte[]> links = new TreeMap<>();
		jdbc.sql("select seq, link_hash from audit.link where seq between :low and :high")
			.param("low", low)
			.param("high", high)
			.query(rs -> {
				links.put(rs.getLong(1), rs.getBytes(2));
			});
		String problem = null;
		for (List<String> row : rows) {
			problem = problem != null ? problem : checkRow(row, links);
		}
		rows.clear();
		return problem;
	}

	private static String checkRow(List<String> row, Map<Long, byte[]> links) {
		long seq = Long.parseLong(row.get(0));
		byte[] entryHash = HEX.parseHex(row.get(2));
		AuditEntry entry = new AuditEntry(Long.parseLong(row.get(3)), Instant.parse(row.get(4)), row.get(5), row.get(6),
				row.get(7), row.get(8), row.get(9), row.get(10),
				row.get(11) == null ? null : UUID.fromString(row.get(11)), row.get(12), row.get(13),
				JSON.readValue(row.get(14), new TypeReference<TreeMap<String, String>>() {
				}));
		if (!Arrays.equals(EntryHash.of(entry), entryHash)) {
			return "ENTRY_ALTERED at " + seq;
		}
		byte[] previous = seq == 1 ? EntryHash.genesis() : links.get(seq - 1);
		byte[] stored = links.get(seq);
		byte[] linkHash = HEX.parseHex(row.get(1));
		if (previous == null || stored == null || !Arrays.equals(stored, linkHash)
				|| !Arrays.equals(EntryHash.link(previous, entryHash), linkHash)) {
			return "LINK_BROKEN at " + seq;
		}
		return null;
	}

	static byte[] digest(Path file) throws IOException {
		MessageDigest digest = sha256();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[65536];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return digest.digest();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
