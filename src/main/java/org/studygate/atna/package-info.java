/**
 * The IHE ATNA export (docs/operations.md#atna-audit-export, decision 059): every access
 * log entry, in chain order, as a DICOM PS3.15 A.5 audit message in an RFC 5424 syslog
 * frame to the hospital's Audit Record Repository over TLS, TCP or UDP. A cursor in the
 * database (the last link sent) makes delivery at least once across outages and restarts;
 * one instance exports at a time; the service desk sees how far behind it is.
 */
@org.springframework.modulith.ApplicationModule(displayName = "ATNA audit export",
		allowedDependencies = { "audit", "study", "directory" })
package org.studygate.atna;
