package org.studygate.audit;

/**
 * The actor of an access log entry, denormalised at write time.
 *
 * @param kind USER, PATIENT_CODE, SHARE_CODE, SYSTEM or ANONYMOUS
 * @param id the user's id or the code's bucket, {@code null} when there is none
 * @param name the display name at the time
 */
public record AuditActor(String kind, String id, String name) {

}
