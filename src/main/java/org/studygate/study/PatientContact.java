package org.studygate.study;

/**
 * How a study's patient is reached, as the RIS sent it.
 *
 * @param mobile the mobile number, {@code null} when unknown
 * @param email the e-mail address, {@code null} when unknown
 */
public record PatientContact(String mobile, String email) {

}
