package org.studygate.directory.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.studygate.InvalidInputException;
import org.studygate.directory.AccountAdministration;
import org.studygate.directory.Actor;
import org.studygate.directory.NewUser;
import org.studygate.directory.Password;
import org.studygate.directory.ProfileChanges;
import org.studygate.directory.UserId;
import org.studygate.directory.UserPage;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff accounts for the service desk (docs/product/09-api-contract.md): register,
 * search, change, lock on purpose and unlock (decision 028). A user shows {@code locked}
 * and, while failed logins lock him, {@code lockedUntil}.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
class UserAdminApiController {

	private final Users users;

	private final AccountAdministration accounts;

	private final Clock clock;

	UserAdminApiController(Users users, AccountAdministration accounts, Clock clock) {
		this.users = users;
		this.accounts = accounts;
		this.clock = clock;
	}

	record RegisterUser(String username, String displayName, String password, String physicianNumber, String email,
			String mobile, String language) {

		@Override
		public String toString() {
			return "RegisterUser[" + username + ", ****]";
		}

	}

	record UserItem(String id, String username, String displayName, String email, String mobile, String language,
			List<String> physicianNumbers, String status, int failedLogins, boolean serviceDesk, Instant createdAt,
			boolean locked, Instant lockedUntil) {

		static UserItem of(UserView user, Instant now) {
			return new UserItem(user.id().toString(), user.username(), user.displayName(), user.email(), user.mobile(),
					user.language(), user.physicianNumbers(), user.status().name(), user.failedLogins(),
					user.serviceDesk(), user.createdAt(), user.lockedAt(now), user.lockedUntilAt(now));
		}

	}

	record Lock(String reason) {

	}

	record UserList(List<UserItem> items, String next) {

	}

	@PostMapping
	ResponseEntity<UserItem> register(Actor actor, @RequestBody RegisterUser body) {
		if (body.password() == null) {
			throw new InvalidInputException("password", "is required");
		}
		UserView user = users.register(actor,
				new NewUser(body.username(), body.displayName(), new Password(body.password()),
						body.physicianNumber() == null || body.physicianNumber().isBlank() ? List.of()
								: List.of(body.physicianNumber().strip()),
						body.email(), body.mobile(), body.language(), false, false));
		return ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.id()))
			.body(UserItem.of(user, clock.instant()));
	}

	@GetMapping
	UserList search(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String after,
			@RequestParam(defaultValue = "50") int limit) {
		UserPage page = users.search(actor, q, after, limit);
		return new UserList(page.items().stream().map(u -> UserItem.of(u, clock.instant())).toList(), page.next());
	}

	@GetMapping("/{id}")
	UserItem user(Actor actor, @PathVariable UserId id) {
		return UserItem.of(users.toAdminister(actor, id), clock.instant());
	}

	/** Changes the profile: name, contact data, whether it is public, language. */
	@PutMapping("/{id}")
	UserItem changeProfile(Actor actor, @PathVariable UserId id, @RequestBody ProfileChanges body) {
		if (body == null) {
			throw new InvalidInputException("body", "is required");
		}
		return UserItem.of(accounts.changeProfile(actor, id, body), clock.instant());
	}

	@PostMapping("/{id}/unlock")
	UserItem unlock(Actor actor, @PathVariable UserId id) {
		accounts.unlock(actor, id);
		return UserItem.of(users.toAdminister(actor, id), clock.instant());
	}

	/**
	 * Locks an account on purpose until the service desk unlocks it; revokes its tokens.
	 */
	@PostMapping("/{id}/lock")
	UserItem lock(Actor actor, @PathVariable UserId id, @RequestBody(required = false) Lock body) {
		accounts.lock(actor, id, body == null ? null : body.reason());
		return UserItem.of(users.toAdminister(actor, id), clock.instant());
	}

	/**
	 * Turns the user's two-factor sign-in off (decision 057); he sets it up anew.
	 */
	@DeleteMapping("/{id}/two-factor")
	ResponseEntity<Void> resetTwoFactor(Actor actor, @PathVariable UserId id) {
		accounts.resetTwoFactor(actor, id);
		return ResponseEntity.noContent().build();
	}

}
