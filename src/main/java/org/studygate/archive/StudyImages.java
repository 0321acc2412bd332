package org.studygate.archive;

import java.util.List;

/**
 * What a study page shows of a study's images: its series with their instances, or why
 * there are none to show.
 *
 * @param viewerUrl the external DICOMweb viewer's link for the study, {@code null} when
 * none is configured
 */
public record StudyImages(State state, String studyInstanceUid, List<Series> series, String viewerUrl) {

	public StudyImages {
		series = series == null ? List.of() : List.copyOf(series);
	}

	/** Why images are shown or not. */
	public enum State {

		/** The series are listed. */
		AVAILABLE,
		/** No archive is configured: images are not available here. */
		NOT_CONFIGURED,
		/** The archive does not answer: images are temporarily unavailable. */
		UNAVAILABLE,
		/** The actor may see the study but not its images. */
		NOT_PERMITTED

	}

	/**
	 * A series with its instances in instance-number order and the window presets of the
	 * first of its instances that has any.
	 */
	public record Series(String seriesInstanceUid, String modality, String description, List<String> instanceUids,
			List<Preset> presets) {

		public Series {
			instanceUids = List.copyOf(instanceUids);
			presets = presets == null ? List.of() : List.copyOf(presets);
		}

	}

	/**
	 * One window preset of an image: its explanation (may be empty), center and width as
	 * checked numbers.
	 */
	public record Preset(String name, String center, String width) {

		/** The value of the gateway's {@code window} parameter for this preset. */
		public String window() {
			return center + "," + width + ",linear";
		}

	}

	public boolean available() {
		return state == State.AVAILABLE;
	}

}
