package org.studygate.directory;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * The actor a staff user acts as. The directory's other use cases are {@link Users},
 * {@link Groups}, {@link Memberships}, {@link StaffAuthentication}, {@link ApiTokens} and
 * {@link AccountAdministration}; the application's own setup, which checks nobody's
 * rights, is {@code directory.setup}.
 */
@Service
public class Directory {

	private final UserStore users;

	private final MembershipStore memberships;

	Directory(UserStore users, MembershipStore memberships) {
		this.users = users;
		this.memberships = memberships;
	}

	/**
	 * The actor a staff user acts as, read afresh: memberships and the physician numbers
	 * of his practices' members are never cached, so that a change takes effect on the
	 * next request. Only active memberships count, on both sides of a practice: an
	 * invitation opens nothing. One query (docs/decisions/067-gateway-fixed-cost.md).
	 */
	public Optional<Actor> actorOf(UserId id) {
		Optional<UserStore.ActorRow> row = users.actorRow(id, memberships.lapse());
		if (row.isEmpty() || row.get().status() != UserStatus.ACTIVE) {
			return Optional.empty();
		}
		return Optional.of(actor(id, row.get()));
	}

	/** The actor of an active user's row. */
	static Actor actor(UserId id, UserStore.ActorRow row) {
		Set<String> practiceNumbers = new HashSet<>(row.practicePhysicianNumbers());
		practiceNumbers.addAll(row.physicianNumbers());
		return new Actor(ActorKind.USER, id, row.displayName(), row.serviceDesk(), row.physicianNumbers(),
				row.memberships(), practiceNumbers);
	}

}
