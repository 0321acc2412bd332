/**
 * The web shell: security configuration, the actor of each request, error handling,
 * languages, the page layout. No feature controllers live here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web", allowedDependencies = { "directory", "audit" })
package org.studygate.web;
