package org.studygate.directory.sourcegroups;

import java.util.Set;

import org.studygate.directory.GroupId;

/**
 * Which source groups an identity provider's groups make a user a member of at single
 * sign-on (docs/decisions/056-openid-connect-sign-in.md). The department module, which
 * knows departments by their codes, answers; a group the mapping does not name makes
 * nobody a member of anything.
 */
public interface SourceGroupMapping {

	/**
	 * @param provider the registration id of the identity provider
	 * @param claimedGroups the groups the provider's token lists for the user
	 * @return the source groups to make him a member of
	 */
	Set<GroupId> sourceGroups(String provider, Set<String> claimedGroups);

}
