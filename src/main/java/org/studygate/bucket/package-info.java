/**
 * Buckets (docs/product/02-domain.md, 04-access-tab.md, 05-workflows.md; decisions 020,
 * 021): a code-based way in over several studies of one department, made by printing a
 * reference number (with a PDF letter) or by sharing with a person without an account
 * (the code sent by e-mail or SMS, a one-time password on each use). The code is a
 * reference number issued through {@link org.studygate.refcode.BucketCodes}, so the
 * patient login, its throttle, blocking and second step serve buckets too; the bucket
 * tells the login its own verification, scope and recipient through
 * {@link org.studygate.refcode.CodeTerms}. Contributes the Buckets section of the Access
 * tab and the department's blocked access page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Buckets",
		allowedDependencies = { "access", "study", "department", "directory", "audit", "mail", "sms", "refcode" })
package org.studygate.bucket;
