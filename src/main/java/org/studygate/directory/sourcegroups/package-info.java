/**
 * The source groups of departments, made and renamed without anyone's rights being
 * checked: the department module calls them once it has checked the service desk (it
 * alone registers and renames departments). Only the directory and the department module
 * use this interface (docs/decisions/036-directory-use-cases-and-setup-interface.md).
 */
@org.springframework.modulith.NamedInterface("source-groups")
package org.studygate.directory.sourcegroups;
