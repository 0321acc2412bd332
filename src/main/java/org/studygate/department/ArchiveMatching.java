package org.studygate.department;

import java.util.List;

/**
 * How studies arriving from the image archive are matched to this department
 * (docs/product/02-domain.md): by the sending AE title or by the institution name in the
 * DICOM header.
 *
 * @param aeTitles the calling AE titles of the department's modalities and PACS
 * @param institutionNames the institution names its studies carry
 */
public record ArchiveMatching(List<String> aeTitles, List<String> institutionNames) {

	public ArchiveMatching {
		aeTitles = aeTitles == null ? List.of() : List.copyOf(aeTitles);
		institutionNames = institutionNames == null ? List.of() : List.copyOf(institutionNames);
	}

	public static ArchiveMatching defaults() {
		return new ArchiveMatching(null, null);
	}

}
