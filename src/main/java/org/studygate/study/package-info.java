/**
 * The study registry: patients, orders and studies as sent by the departments' RIS and
 * archives. Decides nothing about access; {@link org.studygate.study.StudyCondition} lets
 * the access module say which studies a list may hold without knowing this module's
 * tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Study",
		allowedDependencies = { "department", "directory", "audit" })
package org.studygate.study;
