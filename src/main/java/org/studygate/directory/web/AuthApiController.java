package org.studygate.directory.web;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.directory.ApiTokens;
import org.studygate.directory.LoginChannel;
import org.studygate.directory.StaffAuthentication;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth/token}: a bearer token for a username and password. Every failure gets
 * the same 401 body, whatever was wrong.
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
		return authentication
			.authenticate(credentials.username(), credentials.password(), LoginChannel.API, request.getRemoteAddr(),
					request.getHeader("User-Agent"))
			.<ResponseEntity<?>>map(principal -> {
				ApiTokens.IssuedToken issued = tokens.issue(principal.userId());
				return ResponseEntity.ok(new Token(issued.token(), issued.expiresAt()));
			})
			.orElseGet(() -> {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
						"The username or password is not right, or the account is locked.");
				problem.setTitle("Authentication failed");
				return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
			});
	}

}
