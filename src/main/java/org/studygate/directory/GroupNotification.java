package org.studygate.directory;

/** Who of a group is told by e-mail when a study is shared with the group. */
public enum GroupNotification {

	/**
	 * The primary contact; when the group has none, its admins; when it has none, every
	 * member.
	 */
	PRIMARY_CONTACT,
	/** Every member. */
	ALL_MEMBERS

}
