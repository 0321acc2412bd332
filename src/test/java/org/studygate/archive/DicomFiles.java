package org.studygate.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * DICOM test files made on the fly with dcmtk's {@code dump2dcm}: small secondary-capture
 * images (8×8 unless asked otherwise, 8 bit) with the header a study needs, so that no
 * binary fixture is kept in the repository.
 */
public final class DicomFiles {

	/**
	 * A study to make.
	 *
	 * @param institution the InstitutionName, {@code null} for none
	 * @param birthDate YYYYMMDD, {@code null} for none
	 */
	public record Spec(String studyInstanceUid, String accession, String patientId, String patientName,
			String birthDate, String institution, String description, String modality, int series,
			int instancesPerSeries, int side) {

		public Spec(String studyInstanceUid, String accession, String patientId, String patientName, String birthDate,
				String institution, String description, String modality, int series, int instancesPerSeries) {
			this(studyInstanceUid, accession, patientId, patientName, birthDate, institution, description, modality,
					series, instancesPerSeries, 8);
		}

		public static Spec of(String accession, String patientName) {
			return new Spec(uid(), accession,
					"PAT" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L), patientName,
					"19700517", null, "CT thorax", "CT", 2, 3);
		}

		/** Images of side × side pixels instead of 8 × 8. */
		public Spec side(int pixels) {
			return new Spec(studyInstanceUid, accession, patientId, patientName, birthDate, institution, description,
					modality, series, instancesPerSeries, pixels);
		}

		public Spec institution(String name) {
			return new Spec(studyInstanceUid, accession, patientId, patientName, birthDate, name, description, modality,
					series, instancesPerSeries);
		}

		public Spec size(int seriesCount, int instances) {
			return new Spec(studyInstanceUid, accession, patientId, patientName, birthDate, institution, description,
					modality, seriesCount, instances);
		}

		public Spec birthDate(String date) {
			return new Spec(studyInstanceUid, accession, patientId, patientName, date, institution, description,
					modality, series, instancesPerSeries);
		}

	}

	private DicomFiles() {
	}

	/** A fresh DICOM UID under the 2.25 (UUID) root. */
	public static String uid() {
		UUID uuid = UUID.randomUUID();
		return "2.25." + new java.math.BigInteger(1,
				java.nio.ByteBuffer.allocate(16)
					.putLong(uuid.getMostSignificantBits())
					.putLong(uuid.getLeastSignificantBits())
					.array())
			.toString()
			.substring(0, 30);
	}

	/** Writes the study's files into a temporary directory and returns them. */
	public static List<Path> make(Spec spec) {
		try {
			Path directory = Files.createTempDirectory("dicom");
			List<Path> files = new ArrayList<>();
			for (int s = 1; s <= spec.series(); s++) {
				String seriesUid = spec.studyInstanceUid() + "." + s;
				for (int i = 1; i <= spec.instancesPerSeries(); i++) {
					String instanceUid = seriesUid + "." + i;
					Path dump = directory.resolve(s + "-" + i + ".dump");
					Path file = directory.resolve(s + "-" + i + ".dcm");
					Path pixels = directory.resolve(s + "-" + i + ".raw");
					byte[] values = new byte[spec.side() * spec.side()];
					for (int p = 0; p < values.length; p++) {
						values[p] = (byte) ((p % spec.side()) * 7 + (p / spec.side()) * 3 + i * 16);
					}
					Files.write(pixels, values);
					Files.writeString(dump, dump(spec, seriesUid, s, instanceUid, i, pixels));
					Orthanc.run(List.of("dump2dcm", "+te", dump.toString(), file.toString()));
					files.add(file);
				}
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String dump(Spec spec, String seriesUid, int seriesNumber, String instanceUid, int instanceNumber,
			Path pixels) {
		StringBuilder dump = new StringBuilder();
		dump.append("(0008,0016) UI =SecondaryCaptureImageStorage\n");
		dump.append("(0008,0018) UI [").append(instanceUid).append("]\n");
		dump.append("(0008,0020) DA [20250314]\n");
		dump.append("(0008,0030) TM [093000]\n");
		if (spec.accession() != null) {
			dump.append("(0008,0050) SH [").append(spec.accession()).append("]\n");
		}
		dump.append("(0008,0060) CS [").append(spec.modality()).append("]\n");
		if (spec.institution() != null) {
			dump.append("(0008,0080) LO [").append(spec.institution()).append("]\n");
		}
		dump.append("(0008,1030) LO [").append(spec.description()).append("]\n");
		dump.append("(0008,103e) LO [Series ").append(seriesNumber).append("]\n");
		dump.append("(0010,0010) PN [").append(spec.patientName()).append("]\n");
		dump.append("(0010,0020) LO [").append(spec.patientId()).append("]\n");
		if (spec.birthDate() != null) {
			dump.append("(0010,0030) DA [").append(spec.birthDate()).append("]\n");
		}
		dump.append("(0010,0040) CS [F]\n");
		dump.append("(0020,000d) UI [").append(spec.studyInstanceUid()).append("]\n");
		dump.append("(0020,000e) UI [").append(seriesUid).append("]\n");
		dump.append("(0020,0011) IS [").append(seriesNumber).append("]\n");
		dump.append("(0020,0013) IS [").append(instanceNumber).append("]\n");
		dump.append("(0028,0002) US 1\n(0028,0004) CS [MONOCHROME2]\n");
		dump.append("(0028,0010) US ").append(spec.side()).append("\n(0028,0011) US ").append(spec.side()).append("\n");
		dump.append("(0028,0100) US 8\n(0028,0101) US 8\n(0028,0102) US 7\n(0028,0103) US 0\n");
		dump.append("(7fe0,0010) OB =").append(pixels).append("\n");
		return dump.toString();
	}

}
