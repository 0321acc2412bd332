package org.studygate.atna;

import java.util.Set;

/**
 * Which DICOM PS3.15 A.5.3 audit message an access log entry becomes (decision 059), by
 * its action: reads of a study are DICOM Instances Accessed, listings Query, what leaves
 * the platform Begin Transferring DICOM Instances, logins User Authentication,
 * break-the-glass a Security Alert with Emergency Override Started or Stopped, the RIS
 * feed's study and patient changes Order Record and Patient Record events, changes of who
 * may see what Security Alerts of the kind DICOM names for them, reads of the log Audit
 * Log Used.
 *
 * @param id the EventID code
 * @param name its meaning
 * @param actionCode the EventActionCode (C, R, U, D or E)
 * @param typeCode an EventTypeCode of DICOM, {@code null} when the event has none
 * @param typeName its meaning
 * @param study whether the study and its patient are participant objects
 */
record AtnaEvent(String id, String name, String actionCode, String typeCode, String typeName, boolean study) {

	static final Set<String> TRANSFERS = Set.of("DOWNLOAD", "DOWNLOADED", "FORWARD", "FORWARDED", "FORWARD_REQUESTED",
			"RSW_SENT", "RSW_SEND");

	static final Set<String> QUERIES = Set.of("STUDIES_LISTED", "STUDIES_QUERIED", "EMERGENCY_ACCESS_SEARCHED");

	static final Set<String> LOGINS = Set.of("STAFF_LOGIN", "PATIENT_LOGIN", "CODE_LOGIN");

	static final Set<String> EMERGENCY = Set.of("UNLOCK", "UNLOCKED", "STUDY_UNLOCKED", "BREAK_THE_GLASS",
			"UNLOCK_REFUSED");

	static final Set<String> EMERGENCY_STOPPED = Set.of("UNLOCK_EXPIRED", "UNLOCK_REVOKED");

	static final Set<String> ORDERS = Set.of("STUDY_REGISTERED", "STUDY_CANCELLED", "STUDY_UNCANCELLED");

	static final Set<String> OBJECT_SECURITY = Set.of("GRANT", "GRANTED", "ACCESS_GRANTED", "GRANT_WITHDRAWN", "SHARE",
			"SHARED", "STUDY_SHARED", "GIVING_REFUSED");

	static final Set<String> LOG_USE = Set.of("STUDY_LOG_READ", "AUDIT_EXPORT_READ", "ACCESS_LOG_ARCHIVED");

	static AtnaEvent of(String action, boolean hasStudy) {
		if (LOGINS.contains(action)) {
			return new AtnaEvent("110114", "User Authentication", "E", "110122", "Login", false);
		}
		if (EMERGENCY.contains(action)) {
			return alert("110127", "Emergency Override Started", hasStudy);
		}
		if (EMERGENCY_STOPPED.contains(action)) {
			return alert("110138", "Emergency Override Stopped", hasStudy);
		}
		if (QUERIES.contains(action)) {
			return new AtnaEvent("110112", "Query", "E", null, null, false);
		}
		if (TRANSFERS.contains(action)) {
			return new AtnaEvent("110102", "Begin Transferring DICOM Instances", "E", null, null, hasStudy);
		}
		if (ORDERS.contains(action)) {
			return new AtnaEvent("110109", "Order Record", "STUDY_REGISTERED".equals(action) ? "C" : "U", null, null,
					hasStudy);
		}
		if ("PATIENT_MERGED".equals(action)) {
			return new AtnaEvent("110110", "Patient Record", "U", null, null, hasStudy);
		}
		if (OBJECT_SECURITY.contains(action)) {
			return alert("110135", "Object Security Attributes Changed", hasStudy);
		}
		if (LOG_USE.contains(action)) {
			return new AtnaEvent("110101", "Audit Log Used", "R", null, null, hasStudy);
		}
		return others(action, hasStudy);
	}

	private static AtnaEvent others(String action, boolean hasStudy) {
		if (hasStudy) {
			return new AtnaEvent("110103", "DICOM Instances Accessed", "R", null, null, true);
		}
		if (action.startsWith("USER_") || action.startsWith("MEMBERSHIP_") || action.startsWith("SOURCE_MEMBER_")
				|| action.startsWith("TOKEN_") || action.startsWith("GROUP_")) {
			return alert("110137", "User Security Attributes Changed", false);
		}
		if (action.startsWith("DEPARTMENT_") || action.startsWith("TRANSFER_")) {
			return alert("110129", "Security Configuration", false);
		}
		return alert("110132", "Use of Restricted Function", false);
	}

	private static AtnaEvent alert(String type, String name, boolean study) {
		return new AtnaEvent("110113", "Security Alert", "E", type, name, study);
	}

}
