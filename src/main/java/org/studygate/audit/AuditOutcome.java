package org.studygate.audit;

/** How an audited action ended. */
public enum AuditOutcome {

	SUCCESS, DENIED, FAILURE

}
