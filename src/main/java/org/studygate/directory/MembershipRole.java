package org.studygate.directory;

/** A member's role in a group: admins manage the group's members and details. */
public enum MembershipRole {

	MEMBER, ADMIN

}
