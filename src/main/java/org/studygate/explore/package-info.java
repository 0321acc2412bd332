/**
 * The explore page, the study page and the study resources of the REST API: the web face
 * of the study registry, with every answer decided by the access module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Explore", allowedDependencies = { "study", "access",
		"directory", "department", "audit", "breakglass", "archive", "transfer", "ris" })
package org.studygate.explore;
