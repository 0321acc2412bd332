/**
 * Grants and THE decision point: {@link org.studygate.access.AccessControl} answers
 * whether an actor may take an action on a study, and why. Capabilities that open other
 * ways in contribute an {@link org.studygate.access.AccessPath}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access",
		allowedDependencies = { "study", "directory", "department", "audit", "mail" })
package org.studygate.access;
