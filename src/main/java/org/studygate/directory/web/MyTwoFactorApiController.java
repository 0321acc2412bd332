package org.studygate.directory.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.directory.TotpEnrolment;
import org.studygate.directory.SecondFactor;
import org.studygate.directory.TwoFactor;
import org.studygate.directory.TwoFactorCodes;
import org.studygate.directory.TwoFactorOptOut;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's second factor (decision 057): {@code GET /api/v1/my/two-factor} tells
 * whether it is on; {@code POST /api/v1/my/two-factor/totp} makes an authenticator secret
 * (shown once, 409 while one is on); {@code POST /api/v1/my/two-factor/totp/confirm}
 * turns it on with a first code; {@code POST /api/v1/my/two-factor/recovery-codes} makes
 * new recovery codes (shown once);
 * {@code DELETE /api/v1/my/two-factor/remembered-browsers} forgets every browser
 * remembered for 30 days. {@code POST /api/v1/my/two-factor/code {channel}} chooses codes
 * by e-mail or SMS and sends a first code, {@code …/code/confirm {code}} turns them on
 * (decision 065).
 */
@RestController
class MyTwoFactorApiController {

	private final TwoFactor twoFactor;

	private final TwoFactorOptOut optOut;

	private final TwoFactorCodes codes;

	MyTwoFactorApiController(TwoFactor twoFactor, TwoFactorOptOut optOut, TwoFactorCodes codes) {
		this.twoFactor = twoFactor;
		this.optOut = optOut;
		this.codes = codes;
	}

	/**
	 * The password and a current second factor (an app's code or a code sent as
	 * {@code totp} or {@code code}), given again to turn it off.
	 */
	record TurnOff(String password, String totp, String recoveryCode, String code) {

		@Override
		public String toString() {
			return "TurnOff[****]";
		}

	}

	record Code(String code) {

		@Override
		public String toString() {
			return "Code[****]";
		}

	}

	record RecoveryCodes(List<String> codes) {

		@Override
		public String toString() {
			return "RecoveryCodes[****]";
		}

	}

	@GetMapping("/api/v1/my/two-factor")
	TwoFactor.Status status(Actor actor) {
		return twoFactor.status(actor);
	}

	@PostMapping("/api/v1/my/two-factor/totp")
	TotpEnrolment enrol(Actor actor) {
		return twoFactor.enrol(actor);
	}

	@PostMapping("/api/v1/my/two-factor/totp/confirm")
	ResponseEntity<Void> confirm(Actor actor, @RequestBody(required = false) Code body) {
		if (body == null || body.code() == null || body.code().isBlank()) {
			throw new InvalidInputException("code", "is required");
		}
		twoFactor.confirm(actor, body.code());
		return ResponseEntity.noContent().build();
	}

	record Channel(String channel) {

	}

	/**
	 * Chooses codes by e-mail or SMS and sends a code (204): 400 for another channel or
	 * none on file, 409 while another second factor is on.
	 */
	@PostMapping("/api/v1/my/two-factor/code")
	ResponseEntity<Void> chooseCodes(Actor actor, @RequestBody(required = false) Channel body) {
		codes.choose(actor, body == null ? null : body.channel());
		return ResponseEntity.noContent().build();
	}

	/** Turns codes on with the first code sent (204; 400 wrong; 409 none chosen). */
	@PostMapping("/api/v1/my/two-factor/code/confirm")
	ResponseEntity<Void> confirmCodes(Actor actor, @RequestBody(required = false) Code body) {
		codes.confirm(actor, body == null ? null : body.code());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/my/two-factor/recovery-codes")
	RecoveryCodes recoveryCodes(Actor actor) {
		return new RecoveryCodes(twoFactor.renewRecoveryCodes(actor));
	}

	@DeleteMapping("/api/v1/my/two-factor/remembered-browsers")
	ResponseEntity<Void> forgetBrowsers(Actor actor) {
		twoFactor.forgetBrowsers(actor);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Turns the caller's second factor off (decision 058): 204; 400 when the password or
	 * code is not right (counted towards the lock); 403 for the service desk; 409 when it
	 * is not on.
	 */
	@PostMapping("/api/v1/my/two-factor/off")
	ResponseEntity<Void> turnOff(Actor actor, @RequestBody(required = false) TurnOff body, HttpServletRequest request) {
		TurnOff given = body == null ? new TurnOff(null, null, null, null) : body;
		String code = given.code() != null ? given.code() : given.totp();
		optOut.turnOff(actor, given.password(), new SecondFactor(code, given.recoveryCode()), request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

}
