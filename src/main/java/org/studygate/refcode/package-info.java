/**
 * Reference numbers and the patient login (docs/product/02-domain.md, 05-workflows.md,
 * 06-security.md): codes made when a study arrives or delivered by the RIS, kept
 * encrypted with a keyed lookup hash, shown masked in the Reference numbers section of
 * the Access tab; the patient's sign-in with code and birth date (throttled, blocking
 * after five failures), its second step (one-time password by SMS or e-mail, or payment
 * and pincode), and the code session's way into its studies, contributed to the decision
 * point as an {@link org.studygate.access.AccessPath}. Staff claim a study with its code
 * and the patient's birth date.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reference numbers", allowedDependencies = { "access",
		"study", "department", "directory", "audit", "mail", "sms", "archive", "ris" })
package org.studygate.refcode;
