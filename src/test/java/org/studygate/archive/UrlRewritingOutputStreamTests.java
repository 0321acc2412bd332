package org.studygate.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive's address in JSON answers becomes the gateway's, however the bytes are
 * split.
 */
class UrlRewritingOutputStreamTests {

	private static String rewrite(String from, String to, String text, int chunk) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (UrlRewritingOutputStream rewriting = new UrlRewritingOutputStream(out, from, to)) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < bytes.length; i += chunk) {
				rewriting.write(bytes, i, Math.min(chunk, bytes.length - i));
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void replacesEveryOccurrenceWhateverTheChunkSize() throws IOException {
		String json = "{\"BulkDataURI\":\"http://127.0.0.1:8042/dicom-web/studies/1/bulk\",\"u\":\"http://127.0.0.1:8042/dicom-web\"}";
		for (int chunk : new int[] { 1, 2, 3, 7, 1000 }) {
			assertThat(rewrite("http://127.0.0.1:8042/dicom-web", "https://sg.example/dicomweb", json, chunk))
				.isEqualTo(
						"{\"BulkDataURI\":\"https://sg.example/dicomweb/studies/1/bulk\",\"u\":\"https://sg.example/dicomweb\"}");
		}
	}

	@Test
	void keepsPartialMatchesAndOverlapsIntact() throws IOException {
		assertThat(rewrite("aab", "X", "aaab aa", 1)).isEqualTo("aX aa");
		assertThat(rewrite("abab", "X", "abababab", 3)).isEqualTo("XX");
		assertThat(rewrite("http://h/dicom-web", "Y", "http://h/dicom-wex http://h/dicom-web", 4))
			.isEqualTo("http://h/dicom-wex Y");
	}

	@Test
	void agreesWithReplacingTheWholeTextForRandomTextsAndChunks() throws IOException {
		java.util.Random random = new java.util.Random(67);
		for (int round = 0; round < 2000; round++) {
			String from = text(random, 1 + random.nextInt(5));
			StringBuilder text = new StringBuilder();
			for (int part = random.nextInt(8); part >= 0; part--) {
				text.append(random.nextBoolean() ? from : text(random, random.nextInt(6)));
			}
			int chunk = 1 + random.nextInt(9);
			assertThat(rewrite(from, "<>", text.toString(), chunk)).as("%s in %s by %d", from, text, chunk)
				.isEqualTo(text.toString().replace(from, "<>"));
		}
	}

	private static String text(java.util.Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append("ab/".charAt(random.nextInt(3)));
		}
		return text.toString();
	}

	@Test
	void asksTheArchiveForOneImageTypeARenderedImageCanHave() {
		assertThat(Archive.renderedType(null)).isEqualTo("image/jpeg");
		assertThat(Archive.renderedType("image/avif,image/webp,image/apng,image/*,*/*;q=0.8")).isEqualTo("image/jpeg");
		assertThat(Archive.renderedType("image/png, image/jpeg")).isEqualTo("image/png");
		assertThat(Archive.renderedType("image/jpeg, image/png")).isEqualTo("image/jpeg");
	}

}
