/**
 * The image archive: a DICOMweb client of the archive (QIDO-RS, WADO-RS) with an adapter
 * for Orthanc's change feed, the ingestion that registers arriving studies in the study
 * registry, and the {@code /dicomweb} gateway that answers viewers with only what the
 * decision point permits. {@link org.studygate.archive.Archive} is the module's API;
 * {@link org.studygate.archive.StudyArrived} is the event other modules' department rules
 * listen to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Archive",
		allowedDependencies = { "access", "study", "department", "directory", "audit" })
package org.studygate.archive;
