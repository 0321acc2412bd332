package org.studygate.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The series a demo study's images are made of, by modality, and the DICOM attributes of
 * each instance. UIDs are derived from the Study Instance UID, so that making a study
 * again makes the same instances.
 *
 * @param number the series number
 * @param description the series description
 * @param modality the series' modality
 * @param images how many instances
 * @param kind what the pixels show
 */
record DemoSeries(int number, String description, String modality, int images, Kind kind) {

	/** The phantom of a series, with the pixel format and window presets that suit it. */
	enum Kind {

		/** 16-bit CT, soft tissue, lung and bone windows. */
		CT(256, false, "40\\-600\\400", "400\\1500\\1800", "SOFT TISSUE\\LUNG\\BONE"),
		/** MR, T1-weighted (fat and marrow bright). */
		MR_T1(256, false, "450", "900", "T1"),
		/** MR, fluid-sensitive (fluid bright). */
		MR_FLUID(256, false, "500", "1000", "PD FS"),
		/** A 12-bit projection radiograph. */
		RADIOGRAPH(512, false, "2000", "3600", "DEFAULT"),
		/** An 8-bit picture. */
		PICTURE(256, true, "128", "256", "DEFAULT");

		final int size;

		final boolean eightBit;

		final String windowCenter;

		final String windowWidth;

		final String windowExplanation;

		Kind(int size, boolean eightBit, String windowCenter, String windowWidth, String windowExplanation) {
			this.size = size;
			this.eightBit = eightBit;
			this.windowCenter = windowCenter;
			this.windowWidth = windowWidth;
			this.windowExplanation = windowExplanation;
		}

	}

	private static final Map<String, String> SOP_CLASSES = Map.of("CT", "1.2.840.10008.5.1.4.1.1.2", "MR",
			"1.2.840.10008.5.1.4.1.1.4", "CR", "1.2.840.10008.5.1.4.1.1.1", "DX", "1.2.840.10008.5.1.4.1.1.1.1", "MG",
			"1.2.840.10008.5.1.4.1.1.1.2", "US", "1.2.840.10008.5.1.4.1.1.6.1", "NM", "1.2.840.10008.5.1.4.1.1.20");

	/** Secondary capture, for modalities without a class above. */
	private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

	/** The series of a study of this modality; a CT of {@code ctSlices} slices. */
	static List<DemoSeries> of(String modality, String description, int ctSlices) {
		return switch (modality) {
			case "CT" -> List.of(new DemoSeries(2, "Axial 5 mm", "CT", ctSlices, Kind.CT));
			case "MR" -> List.of(new DemoSeries(1, "Sagittal T1", "MR", 12, Kind.MR_T1),
					new DemoSeries(2, "Sagittal PD fat sat", "MR", 12, Kind.MR_FLUID),
					new DemoSeries(3, "Coronal PD fat sat", "MR", 10, Kind.MR_FLUID));
			case "CR",
					"DX" ->
				description != null && description.contains("lateral")
						? List.of(new DemoSeries(1, "PA", modality, 1, Kind.RADIOGRAPH),
								new DemoSeries(2, "Lateral", modality, 1, Kind.RADIOGRAPH))
						: List.of(new DemoSeries(1, "PA", modality, 1, Kind.RADIOGRAPH));
			default ->
				List.of(new DemoSeries(1, description == null ? modality : description, modality, 3, Kind.PICTURE));
		};
	}

	static String seriesUid(String studyInstanceUid, int number) {
		return studyInstanceUid + "." + number;
	}

	static String instanceUid(String studyInstanceUid, int series, int image) {
		return seriesUid(studyInstanceUid, series) + "." + image;
	}

	/**
	 * The last instance of a study's series: once it is stored, the study is complete.
	 */
	static String lastInstanceUid(String studyInstanceUid, List<DemoSeries> series) {
		DemoSeries last = series.get(series.size() - 1);
		return instanceUid(studyInstanceUid, last.number(), last.images());
	}

	/** The pixel values of the n-th image (1-based), the same for the same study. */
	int[] pixels(String studyInstanceUid, int image) {
		Random noise = new Random(studyInstanceUid.hashCode() * 31L + number * 1000L + image);
		double position = images == 1 ? 0.5 : (image - 1) / (double) (images - 1);
		return switch (kind) {
			case CT -> SyntheticImages.ctSlice(kind.size, position, noise);
			case MR_T1 -> SyntheticImages.mrSlice(kind.size, position, false, noise);
			case MR_FLUID -> SyntheticImages.mrSlice(kind.size, position, true, noise);
			case RADIOGRAPH -> SyntheticImages.radiograph(kind.size, kind.size, noise);
			case PICTURE -> SyntheticImages.picture(kind.size, noise);
		};
	}

	/** The attributes of the n-th image besides the study's own (patient, UIDs). */
	Map<String, String> tags(String studyInstanceUid, int image) {
		Map<String, String> tags = new LinkedHashMap<>();
		tags.put("SOPClassUID", SOP_CLASSES.getOrDefault(modality, SECONDARY_CAPTURE));
		tags.put("SeriesInstanceUID", seriesUid(studyInstanceUid, number));
		tags.put("SOPInstanceUID", instanceUid(studyInstanceUid, number, image));
		tags.put("Modality", modality);
		tags.put("SeriesNumber", Integer.toString(number));
		tags.put("SeriesDescription", description);
		tags.put("InstanceNumber", Integer.toString(image));
		tags.put("WindowCenter", kind.windowCenter);
		tags.put("WindowWidth", kind.windowWidth);
		tags.put("WindowCenterWidthExplanation", kind.windowExplanation);
		if (kind == Kind.CT) {
			tags.put("RescaleIntercept", Integer.toString(-SyntheticImages.CT_OFFSET));
			tags.put("RescaleSlope", "1");
			tags.put("RescaleType", "HU");
		}
		if (kind != Kind.PICTURE) {
			double spacing = kind == Kind.RADIOGRAPH ? 0.7 : kind == Kind.CT ? 1.4 : 0.6;
			double thickness = kind == Kind.CT ? 5 : 3.5;
			tags.putAll(geometry(image, spacing, thickness));
		}
		return tags;
	}

	/** Position and orientation, so that viewers stack and measure the slices. */
	private Map<String, String> geometry(int image, double spacing, double thickness) {
		Map<String, String> tags = new LinkedHashMap<>();
		tags.put("PixelSpacing", spacing + "\\" + spacing);
		if (kind == Kind.RADIOGRAPH) {
			return tags;
		}
		boolean coronal = description.startsWith("Coronal");
		boolean axial = kind == Kind.CT;
		String orientation = axial ? "1\\0\\0\\0\\1\\0" : coronal ? "1\\0\\0\\0\\0\\-1" : "0\\1\\0\\0\\0\\-1";
		double offset = -kind.size * spacing / 2;
		double along = (image - 1) * thickness;
		List<Double> position = new ArrayList<>(List.of(offset, offset, offset));
		position.set(axial ? 2 : coronal ? 1 : 0, along);
		tags.put("ImageOrientationPatient", orientation);
		tags.put("ImagePositionPatient", position.get(0) + "\\" + position.get(1) + "\\" + position.get(2));
		tags.put("SliceThickness", Double.toString(thickness));
		tags.put("SliceLocation", Double.toString(along));
		return tags;
	}

}
