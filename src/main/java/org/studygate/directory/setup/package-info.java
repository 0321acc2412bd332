/**
 * The directory's setup: users, groups and memberships made without anyone's rights being
 * checked, for the first start's service-desk account and the demo data. Only the
 * directory and the demo module use it
 * (docs/decisions/036-directory-use-cases-and-setup-interface.md); everything else goes
 * through the checked use cases of the directory's API.
 */
@org.springframework.modulith.NamedInterface("setup")
package org.studygate.directory.setup;
