package org.studygate.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The OHIF viewer served at {@code /viewer/} from the static build of the npm package
 * {@code @ohif/app} that {@code bin/run} and {@code bin/test} unpack
 * ({@code STUDYGATE_VIEWER_DIR}; docs/decisions/055-ohif-viewer-on-the-gateway.md). Its
 * {@code index.html} is built for the site root: it is served with its addresses moved
 * under {@code /viewer/} and its inline scripts moved to a file, so that the viewer's
 * Content-Security-Policy needs no inline scripts.
 */
@Component
public class OhifViewer {

	/** Where the viewer lives on the site. */
	public static final String BASE = "/viewer/";

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

	private final Path directory;

	private volatile Page page;

	record Page(String html, String script) {

	}

	OhifViewer(@Value("${studygate.viewer.dir:}") String directory) {
		this.directory = directory == null || directory.isBlank() ? null : Path.of(directory.strip());
	}

	/** Whether the viewer's files are there. */
	public boolean available() {
		return directory != null && Files.isRegularFile(directory.resolve("index.html"));
	}

	/** The directory of the viewer's static files. */
	public Path directory() {
		return directory;
	}

	/** The link that opens a study in the viewer, or {@code null} without the viewer. */
	public String studyLink(String studyInstanceUid) {
		return available() ? BASE + "viewer?StudyInstanceUIDs=" + studyInstanceUid : null;
	}

	/** The viewer's page, with its addresses under {@link #BASE}. */
	public String indexHtml() {
		return page().html();
	}

	/** The viewer page's own scripts, served as a file. */
	public String bootScript() {
		return page().script();
	}

	private Page page() {
		Page current = page;
		if (current == null) {
			current = rewrite(read());
			page = current;
		}
		return current;
	}

	private String read() {
		try {
			return Files.readString(directory.resolve("index.html"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Page rewrite(String html) {
		List<String> scripts = new ArrayList<>();
		Matcher inline = INLINE_SCRIPT.matcher(html);
		StringBuilder out = new StringBuilder();
		boolean first = true;
		while (inline.find()) {
			scripts.add(inline.group(1));
			inline.appendReplacement(out,
					first ? Matcher.quoteReplacement("<script src=\"/studygate-boot.js\"></script>") : "");
			first = false;
		}
		inline.appendTail(out);
		String moved = out.toString().replace("src=\"/", "src=\"" + BASE).replace("href=\"/", "href=\"" + BASE);
		String script = String.join(";\n", scripts)
			.replace("window.PUBLIC_URL=\"/\"", "window.PUBLIC_URL=\"" + BASE + "\"");
		return new Page(moved, script + ";\n");
	}

}
