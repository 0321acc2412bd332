package org.studygate.archive;

import java.util.List;
import java.util.Map;

/**
 * A study as the archive holds it: the DICOM attributes the registry keeps, its series,
 * and the AE title that sent it.
 *
 * @param archiveId the archive's own identifier of the study (Orthanc's resource id)
 * @param tags DICOM keywords to values (StudyInstanceUID, AccessionNumber, PatientID,
 * ...)
 * @param modalities the modalities of its series, in series order, without repeats
 * @param remoteAet the AE title that sent its first instance, {@code ""} when unknown
 */
record ArchivedStudy(String archiveId, Map<String, String> tags, List<String> modalities, int seriesCount,
		int instanceCount, String remoteAet) {

	String tag(String keyword) {
		String value = tags.get(keyword);
		return value == null || value.isBlank() ? null : value.strip();
	}

}
