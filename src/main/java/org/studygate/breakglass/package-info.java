/**
 * Break-the-glass (docs/product/02-domain.md#unlock, 05-workflows.md): a staff user
 * without access who knows a patient's exact ID and birth date unlocks one of the
 * patient's studies for a purpose of use and a written reason, at once and for the
 * department's duration, as the department's policy allows. The unlock opens the study
 * through an {@link org.studygate.access.AccessPath}, shows in the Access tab's Unlocked
 * section, is told to the department's source admins, and is reviewed or revoked by them.
 * Starting and stopping (expiry, revocation) are security alerts in the access log
 * (decisions 012, 013). The search is throttled per user and per client address, each
 * miss is logged on the studies of the patient ID searched, and a burst of misses is
 * mailed to the source admins (decision 034).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Break-the-glass",
		allowedDependencies = { "study", "access", "department", "directory", "audit", "mail" })
package org.studygate.breakglass;
