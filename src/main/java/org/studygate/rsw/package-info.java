/**
 * The regional health network publisher (docs/product/02-domain.md, 04-access-tab.md,
 * 05-workflows.md): a department that publishes queues each study whose images arrived; a
 * worker sends it through the {@link org.studygate.rsw.RegionalNetwork} port (IHE MHD
 * ITI-65 first) with exponential backoff until the network accepts it or refuses it for
 * good; the RSW status section of the Access tab, "Send" again, and the department's
 * queue. {@link org.studygate.rsw.RegionalPublisher} is the module's API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Regional health network",
		allowedDependencies = { "access", "study", "department", "directory", "audit", "archive" })
package org.studygate.rsw;
