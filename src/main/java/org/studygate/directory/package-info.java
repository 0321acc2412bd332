/**
 * Staff users, groups (practices, medical departments, the source groups of each department) and
 * memberships, and the {@link org.studygate.directory.Actor} a request acts as. Depends only on the audit contract.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory", allowedDependencies = "audit")
package org.studygate.directory;
