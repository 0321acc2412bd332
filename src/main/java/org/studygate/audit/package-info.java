/**
 * The access log. Every module publishes {@link org.studygate.audit.AuditableEvent}s; this module
 * owns that contract and depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = {})
package org.studygate.audit;
