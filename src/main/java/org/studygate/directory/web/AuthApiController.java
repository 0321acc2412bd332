package org.studygate.directory.web;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.directory.Actor;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.LoginChannel;
import org.studygate.directory.StaffAuthentication;
import org.studygate.directory.StaffLogin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth/token}: a bearer token for a username and password. Every
 * failure gets the same 401 body, whatever was wrong; an address that failed too often
 * gets 429 (decision 028). {@code DELETE /api/v1/auth/token} revokes the token the
 * request came with (decision 029).
 */
@RestController
class AuthApiController {

	private final StaffAuthentication authentication;

	private final ApiTokens tokens;

	AuthApiController(StaffAuthentication authentication, ApiTokens tokens) {
		this.authentication = authentication;
		this.tokens = tokens;
	}

	record Credentials(String username, String password) {

		@Override
		public String toString() {
			return "Credentials[" + username + ", ****]";
		}

	}

	record Token(String token, Instant expiresAt) {

	}

	@PostMapping("/api/v1/auth/token")
	ResponseEntity<?> token(@RequestBody Credentials credentials, HttpServletRequest request) {
		StaffLogin login = authentication.login(credentials.username(), credentials.password(), LoginChannel.API,
				request.getRemoteAddr(), request.getHeader("User-Agent"));
		if (login instanceof StaffLogin.SignedIn signedIn) {
			ApiTokens.IssuedToken issued = tokens.issue(signedIn.principal().userId());
			return ResponseEntity.ok(new Token(issued.token(), issued.expiresAt()));
		}
		if (login instanceof StaffLogin.Throttled) {
			return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many login attempts",
					"Too many failed logins came from your address. Try again later.");
		}
		return problem(HttpStatus.UNAUTHORIZED, "Authentication failed",
				"The username or password is not right, or the account is locked.");
	}

	/** Logs out of the API: the caller's token stops working at once. */
	@DeleteMapping("/api/v1/auth/token")
	ResponseEntity<Void> revoke(Actor actor, HttpServletRequest request) {
		tokens.logout(actor, BearerToken.of(request));
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}
