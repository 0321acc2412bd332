package org.studygate.study;

/**
 * The answer to a registration.
 *
 * @param created {@code false} when the Study Instance UID was registered before
 */
public record Registered(StudyId id, boolean created) {

}
