/**
 * The access log (docs/product/02-domain.md, 04-access-tab.md, 06-security.md). Every
 * module publishes {@link org.studygate.audit.AuditableEvent}s; this module writes each
 * as an entry in the publisher's transaction (denials and failures in their own), chains
 * the entries for tamper evidence, and reads them back for pages, CSV, FHIR AuditEvent
 * exports and verification ({@link org.studygate.audit.AuditTrail}). It depends on no
 * other module: the web fills an {@link org.studygate.audit.AuditContext} with the
 * request's channel and client, and the modules that know who may read a study's log call
 * {@code AuditTrail} (decision 009).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = {})
package org.studygate.audit;
