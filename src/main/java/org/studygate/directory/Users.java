package org.studygate.directory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.studygate.InvalidInputException;
import org.studygate.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff users: looked up, registered by the service desk, searched, and their profiles
 * changed by themselves or by the service desk.
 */
@Service
public class Users {

	private final UserStore store;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Users(UserStore store, PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
	}

	public Optional<UserView> find(UserId id) {
		return store.find(id);
	}

	public Optional<UserView> findByUsername(String username) {
		return store.findByUsername(username);
	}

	public Optional<UserId> findByPhysicianNumber(String number) {
		return store.findByPhysicianNumber(number);
	}

	/**
	 * The display names of these users, in one query (a user who no longer exists is left
	 * out).
	 */
	public Map<UserId, String> displayNames(Collection<UserId> ids) {
		return ids.isEmpty() ? Map.of() : store.displayNames(ids);
	}

	/**
	 * Whether any service-desk account exists (first start creates one when none does).
	 */
	boolean hasServiceDesk() {
		return store.hasServiceDesk();
	}

	/**
	 * Inserts a staff user, checking nobody's rights; the username and each physician
	 * number must be free.
	 */
	UserId create(NewUser user) {
		return store.insert(user, passwords.encode(user.password().clear()), clock.instant());
	}

	/**
	 * Registers a staff user on behalf of the service desk, the only one who creates
	 * accounts; the new account is never a service-desk account itself.
	 */
	@Transactional
	public UserView register(Actor actor, NewUser user) {
		AdministrationPolicy.platform(actor).enforce();
		if (user.serviceDesk()) {
			throw new InvalidInputException("serviceDesk", "service-desk accounts are not created here");
		}
		UserView created = store.find(create(user)).orElseThrow();
		events.publishEvent(new UserCreated(clock.instant(), actor.asAuditActor(), created));
		return created;
	}

	/**
	 * Changes a user's profile: his own, or anyone's for the service desk. Nobody else
	 * learns whether the user exists.
	 */
	@Transactional
	public UserView changeProfile(Actor actor, UserId id, ProfileChanges changes) {
		if (!id.equals(actor.userId())) {
			AdministrationPolicy.platform(actor).enforce();
		}
		UserView before = store.find(id).orElse(null);
		if (!store.changeProfile(id, changes)) {
			throw new NotFoundException("user");
		}
		UserView after = store.find(id).orElseThrow();
		Map<String, String> fields = UserChanged.between(before, after);
		if (!fields.isEmpty()) {
			events
				.publishEvent(new UserChanged(clock.instant(), actor.asAuditActor(), id, after.displayName(), fields));
		}
		return after;
	}

	/** The logged-in user's own profile. */
	public UserView profile(Actor actor) {
		if (!actor.isUser()) {
			throw new NotFoundException("user");
		}
		return store.find(actor.userId()).orElseThrow(() -> new NotFoundException("user"));
	}

	/**
	 * A user as the service desk sees him: status and failed logins included, never the
	 * hash.
	 */
	public UserView toAdminister(Actor actor, UserId id) {
		AdministrationPolicy.platform(actor).enforce();
		return store.find(id).orElseThrow(() -> new NotFoundException("user"));
	}

	/**
	 * One page of the users whose name, username or physician number starts with the
	 * query, by name; the service desk pages through them with the cursor of the previous
	 * page.
	 */
	public UserPage search(Actor actor, String query, String after, int limit) {
		AdministrationPolicy.platform(actor).enforce();
		if (limit < 1 || limit > 500) {
			throw new InvalidInputException("limit", "must be between 1 and 500");
		}
		Cursor cursor = Cursor.read(after);
		List<UserView> rows = store.page(query == null ? "" : query.trim().toLowerCase(), cursor.name(), cursor.id(),
				limit + 1);
		if (rows.size() <= limit) {
			return new UserPage(rows, null);
		}
		return new UserPage(rows.subList(0, limit), Cursor.after(rows.get(limit - 1)));
	}

	/**
	 * Active users to offer as share recipients: by the start of their name or of a word
	 * in it (a surname), by physician number, and by e-mail address or mobile number only
	 * where the user made his contact data public.
	 */
	public List<UserView> searchRecipients(String query, int limit) {
		String q = query == null ? "" : query.trim();
		if (q.length() < 2) {
			return List.of();
		}
		return store.recipients(q, Math.max(1, Math.min(limit, 50)));
	}

	/**
	 * Where a page of users ends: the name and id of its last user, as an opaque text.
	 */
	private record Cursor(String name, UUID id) {

		static Cursor read(String text) {
			if (text == null || text.isBlank()) {
				return new Cursor(null, null);
			}
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
				int split = decoded.lastIndexOf('\n');
				return new Cursor(decoded.substring(0, split), UUID.fromString(decoded.substring(split + 1)));
			}
			catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
				throw new InvalidInputException("after", "is not a cursor of this list");
			}
		}

		static String after(UserView last) {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((last.displayName() + "\n" + last.id()).getBytes(StandardCharsets.UTF_8));
		}

	}

}
