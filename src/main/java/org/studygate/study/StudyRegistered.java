package org.studygate.study;

import java.util.UUID;

/** A study was registered for the first time. */
public record StudyRegistered(StudyId studyId, String studyInstanceUid, UUID departmentId) {

}
