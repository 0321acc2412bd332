package org.studygate.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * What a thumbnail or rendered image is when the archive cannot render the object: an
 * encapsulated PDF or CDA, a structured report, a key object selection, a presentation
 * state, a video, or a compression it does not decode. The page and the built-in viewer
 * show a labelled placeholder instead of a broken image, and never a server error
 * (docs/guide/image-archive.md).
 */
final class Placeholders {

	private static final byte[] NO_PREVIEW = """
			<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="No preview">
			<rect width="128" height="128" fill="#e8eaed"/><rect x="36" y="24" width="56" height="72" rx="4" fill="#fff" stroke="#5f6368" stroke-width="3"/>
			<path d="M46 44h36M46 56h36M46 68h24" stroke="#5f6368" stroke-width="3"/>
			<text x="64" y="116" font-family="sans-serif" font-size="13" text-anchor="middle" fill="#3c4043">No preview</text></svg>
			"""
		.getBytes(StandardCharsets.UTF_8);

	private Placeholders() {
	}

	/**
	 * The sink, except that an archive's refusal to render (any status from 400 on) is
	 * answered with the placeholder image, and the archive's own body discarded.
	 */
	static Archive.Sink whenUnrendered(Archive.Sink sink) {
		return (status, contentType, contentLength) -> {
			if (status < 400) {
				return sink.start(status, contentType, contentLength);
			}
			OutputStream out = sink.start(200, "image/svg+xml", OptionalLong.of(NO_PREVIEW.length));
			out.write(NO_PREVIEW);
			out.flush();
			return OutputStream.nullOutputStream();
		};
	}

	static byte[] noPreview() {
		return NO_PREVIEW.clone();
	}

}
