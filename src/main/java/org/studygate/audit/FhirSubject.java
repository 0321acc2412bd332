package org.studygate.audit;

/**
 * What a FHIR AuditEvent names about a study the audit module does not know itself.
 *
 * @param studyInstanceUid the DICOM Study Instance UID
 * @param patientId the department-local patient ID
 * @param patientName the patient's name
 */
public record FhirSubject(String studyInstanceUid, String patientId, String patientName) {

}
