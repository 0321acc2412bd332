package org.studygate.atna;

/** What an audit message names of a study: its Study Instance UID and patient id. */
record StudySubject(String studyInstanceUid, String patientId) {

}
