package org.studygate.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One DICOM object with a header written attribute by attribute, as real archives hold
 * them: type-2 attributes empty or missing, a Specific Character Set and its text. Made
 * on the fly with dcmtk's {@code dump2dcm}; the dump is written in the character set's
 * own bytes, which dump2dcm copies into the values unchanged.
 */
final class DicomHeader {

	private final Map<String, Object> attributes = new LinkedHashMap<>();

	private Charset encoding = StandardCharsets.US_ASCII;

	/**
	 * An encapsulated transfer syntax (a video's), or none for explicit little endian.
	 */
	private String transferSyntax;

	/** The start of an MP4 stream ("ftyp isom"), the video's one fragment. */
	private static final String VIDEO_FRAGMENT = "00\\00\\00\\18\\66\\74\\79\\70\\69\\73\\6f\\6d\\00\\00\\02\\00\\69\\73\\6f\\6d\\69\\73\\6f\\32";

	private DicomHeader() {
	}

	/**
	 * An 8 × 8 secondary capture of the study with every attribute the tests name, and
	 * nothing else: no dates, no patient, no accession number.
	 */
	static DicomHeader secondaryCapture(String studyInstanceUid, int series, int instance) {
		DicomHeader header = new DicomHeader();
		header.set("(0008,0016) UI", "=SecondaryCaptureImageStorage");
		header.set("(0008,0018) UI", studyInstanceUid + "." + series + "." + instance);
		header.set("(0008,0060) CS", "OT");
		header.set("(0020,000d) UI", studyInstanceUid);
		header.set("(0020,000e) UI", studyInstanceUid + "." + series);
		header.set("(0020,0011) IS", Integer.toString(series));
		header.set("(0020,0013) IS", Integer.toString(instance));
		header.set("(0028,0002) US", "1");
		header.set("(0028,0004) CS", "MONOCHROME2");
		header.set("(0028,0010) US", "8");
		header.set("(0028,0011) US", "8");
		header.set("(0028,0100) US", "8");
		header.set("(0028,0101) US", "8");
		header.set("(0028,0102) US", "7");
		header.set("(0028,0103) US", "0");
		return header;
	}

	/**
	 * An object without pixels (a structured report, a key object selection, a
	 * presentation state) of this SOP class and modality.
	 */
	static DicomHeader object(String studyInstanceUid, int series, int instance, String sopClass, String modality) {
		DicomHeader header = new DicomHeader();
		header.set("(0008,0016) UI", sopClass);
		header.set("(0008,0018) UI", studyInstanceUid + "." + series + "." + instance);
		header.set("(0008,0060) CS", modality);
		header.set("(0020,000d) UI", studyInstanceUid);
		header.set("(0020,000e) UI", studyInstanceUid + "." + series);
		header.set("(0020,0011) IS", Integer.toString(series));
		header.set("(0020,0013) IS", Integer.toString(instance));
		return header;
	}

	/**
	 * A two-frame video of the study in MPEG-4 AVC/H.264 (High Profile, Level 4.1): the
	 * header of a video endoscopy and a few bytes of its stream, enough for the archive
	 * to store it, not to play it.
	 */
	static DicomHeader video(String studyInstanceUid, int series, int instance) {
		DicomHeader header = new DicomHeader();
		header.transferSyntax = "1.2.840.10008.1.2.4.102";
		header.set("(0008,0016) UI", "=VideoEndoscopicImageStorage");
		header.set("(0008,0018) UI", studyInstanceUid + "." + series + "." + instance);
		header.set("(0008,0060) CS", "ES");
		header.set("(0020,000d) UI", studyInstanceUid);
		header.set("(0020,000e) UI", studyInstanceUid + "." + series);
		header.set("(0020,0011) IS", Integer.toString(series));
		header.set("(0020,0013) IS", Integer.toString(instance));
		header.set("(0028,0002) US", "3");
		header.set("(0028,0004) CS", "YBR_PARTIAL_420");
		header.set("(0028,0006) US", "0");
		header.set("(0028,0008) IS", "2");
		header.set("(0028,0010) US", "8");
		header.set("(0028,0011) US", "8");
		header.set("(0028,0100) US", "8");
		header.set("(0028,0101) US", "8");
		header.set("(0028,0102) US", "7");
		header.set("(0028,0103) US", "0");
		return header;
	}

	/**
	 * Sets an attribute, e.g. {@code ("(0010,0030) DA", "")} for an empty birth date;
	 * {@code null} leaves it out.
	 */
	DicomHeader set(String tagAndVr, String value) {
		if (value == null) {
			attributes.remove(tagAndVr);
		}
		else {
			attributes.put(tagAndVr, value);
		}
		return this;
	}

	/**
	 * Sets an attribute to these bytes as they are (an ISO 2022 value with its escape
	 * sequences).
	 */
	DicomHeader set(String tagAndVr, byte[] value) {
		attributes.put(tagAndVr, value);
		return this;
	}

	/** Text values are written in this character set's bytes. */
	DicomHeader encoded(Charset charset) {
		this.encoding = charset;
		return this;
	}

	/** Writes the object into the directory. */
	Path write(Path directory) {
		try {
			String name = (String) attributes.get("(0008,0018) UI");
			Path pixels = directory.resolve(name + ".raw");
			Object frames = attributes.getOrDefault("(0028,0008) IS", "1");
			byte[] values = new byte[64 * Integer.parseInt(frames.toString())];
			for (int p = 0; p < values.length; p++) {
				values[p] = (byte) (p * 4 + p / 64 * 40);
			}
			Files.write(pixels, values);
			java.io.ByteArrayOutputStream dump = new java.io.ByteArrayOutputStream();
			if (transferSyntax != null) {
				dump.write(("(0002,0010) UI [" + transferSyntax + "]\n").getBytes(StandardCharsets.US_ASCII));
			}
			List<String> tags = new ArrayList<>(attributes.keySet());
			tags.sort(String::compareTo);
			for (String tag : tags) {
				Object value = attributes.get(tag);
				byte[] bytes = value instanceof byte[] raw ? raw : ((String) value).getBytes(encoding);
				boolean bare = value instanceof String text && (text.startsWith("=") || tag.endsWith(" US"));
				dump.write((tag + (bare ? " " : " [")).getBytes(StandardCharsets.US_ASCII));
				dump.write(bytes);
				dump.write((bare ? "\n" : "]\n").getBytes(StandardCharsets.US_ASCII));
			}
			if (transferSyntax != null) {
				dump.write(
						("(7fe0,0010) OB (PixelSequence #=2)\n" + "(fffe,e000) pi (no value available)\n(fffe,e000) pi "
								+ VIDEO_FRAGMENT + "\n" + "(fffe,e0dd) na (SequenceDelimitationItem)\n")
							.getBytes(StandardCharsets.US_ASCII));
			}
			else if (attributes.containsKey("(0028,0010) US")) {
				dump.write(("(7fe0,0010) OB =" + pixels + "\n").getBytes(StandardCharsets.US_ASCII));
			}
			Path dumpFile = directory.resolve(name + ".dump");
			Files.write(dumpFile, dump.toByteArray());
			Path file = directory.resolve(name + ".dcm");
			Orthanc
				.run(List.of("dump2dcm", transferSyntax == null ? "+te" : "+t=", dumpFile.toString(), file.toString()));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
