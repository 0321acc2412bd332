package org.studygate.directory.web;

import java.net.URI;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.directory.Actor;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.LoginChannel;
import org.studygate.directory.SecondFactor;
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
 * gets 429 (decision 028). An account with two-factor sign-in on answers a right password
 * without a second factor with 401 of type {@code …/second-factor-required}, and signs in
 * with {@code totp} or {@code recoveryCode} beside it (decision 057). A user the
 * two-factor policy covers who has no second factor yet gets 401 of type
 * {@code …/second-factor-enrolment-required} (decision 065).
 * {@code DELETE /api/v1/auth/token} revokes the token the request came with (decision
 * 029).
 */
@RestController
class AuthApiController {

	private final StaffAuthentication authentication;

	private final ApiTokens tokens;

	AuthApiController(StaffAuthentication authentication, ApiTokens tokens) {
		this.authentication = authentication;
		this.tokens = tokens;
	}

	/** The second-factor type of the 401 answer (decision 057). */
	static final URI SECOND_FACTOR_REQUIRED = URI.create("https://studygate.org/problems/second-factor-required");

	/**
	 * The type of the 401 answer to a right password of a user the two-factor policy
	 * covers who has no second factor yet (decision 065).
	 */
	static final URI ENROLMENT_REQUIRED = URI.create("https://studygate.org/problems/second-factor-enrolment-required");

	record Credentials(String username, String password, String totp, String recoveryCode, String code) {

		@Override
		public String toString() {
			return "Credentials[" + username + ", ****]";
		}

	}

	record Token(String token, Instant expiresAt) {

	}

	@PostMapping("/api/v1/auth/token")
	ResponseEntity<?> token(@RequestBody Credentials credentials, HttpServletRequest request) {
		StaffLogin login = authentication.login(credentials.username(), credentials.password(),
				new SecondFactor(credentials.code() != null ? credentials.code() : credentials.totp(),
						credentials.recoveryCode()),
				LoginChannel.API, request.getRemoteAddr(), request.getHeader("User-Agent"));
		if (login instanceof StaffLogin.SignedIn signedIn) {
			ApiTokens.IssuedToken issued = tokens.issue(signedIn.principal().userId());
			return ResponseEntity.ok(new Token(issued.token(), issued.expiresAt()));
		}
		if (login instanceof StaffLogin.Throttled) {
			return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many login attempts",
					"Too many failed logins came from your address. Try again later.");
		}
		if (login instanceof StaffLogin.SecondFactorRequired) {
			ResponseEntity<ProblemDetail> answer = problem(HttpStatus.UNAUTHORIZED, "Second factor required",
					"Send the code of your authenticator app as totp, or the code just sent to your e-mail or"
							+ " mobile as code, or a recovery code as recoveryCode.");
			answer.getBody().setType(SECOND_FACTOR_REQUIRED);
			return answer;
		}
		if (login instanceof StaffLogin.EnrolmentRequired) {
			ResponseEntity<ProblemDetail> answer = problem(HttpStatus.UNAUTHORIZED, "Second factor enrolment required",
					"Your account must sign in with a second factor, and has none yet. Sign in on the web page once"
							+ " to set one up.");
			answer.getBody().setType(ENROLMENT_REQUIRED);
			return answer;
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
