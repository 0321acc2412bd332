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

	/** A series with its instances in instance-number order. */
	public record Series(String seriesInstanceUid, String modality, String description, List<String> instanceUids) {

		public Series {
			instanceUids = List.copyOf(instanceUids);
		}

	}

	public boolean available() {
		return state == State.AVAILABLE;
	}

}
