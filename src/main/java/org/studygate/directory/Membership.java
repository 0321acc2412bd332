package org.studygate.directory;

import java.util.UUID;

/**
 * One group an actor belongs to.
 *
 * @param departmentId the department of a source group, {@code null} for other kinds
 */
public record Membership(GroupId groupId, GroupKind kind, UUID departmentId, MembershipRole role) {

}
