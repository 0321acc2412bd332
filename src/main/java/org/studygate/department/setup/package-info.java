/**
 * Setting departments up without deciding who may: creating one and replacing its
 * settings, for the demo loader and tests only. Everyone else goes through
 * {@link org.studygate.department.Departments}, which asks for the service desk
 * (docs/decisions/037-use-cases-over-stores-and-typed-ids.md).
 */
@org.springframework.modulith.NamedInterface("setup")
package org.studygate.department.setup;
