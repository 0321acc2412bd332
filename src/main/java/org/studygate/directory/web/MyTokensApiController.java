package org.studygate.directory.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.studygate.InvalidInputException;
import org.studygate.directory.Actor;
import org.studygate.directory.ApiTokens;
import org.studygate.directory.PasswordChange;
import org.studygate.directory.TokenId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own credentials (decision 029): {@code GET /api/v1/my/tokens} lists his
 * active API tokens without their secrets, {@code DELETE /api/v1/my/tokens/{id}} revokes
 * one of them (another user's id is not found, and logged),
 * {@code PUT /api/v1/my/password} changes his password and revokes all his tokens.
 */
@RestController
class MyTokensApiController {

	private final ApiTokens tokens;

	private final PasswordChange passwords;

	MyTokensApiController(ApiTokens tokens, PasswordChange passwords) {
		this.tokens = tokens;
		this.passwords = passwords;
	}

	record TokenItem(String id, Instant issuedAt, Instant expiresAt, Instant lastUsedAt, boolean current) {

		static TokenItem of(ApiTokens.TokenView token) {
			return new TokenItem(token.id().toString(), token.issuedAt(), token.expiresAt(), token.lastUsedAt(),
					token.current());
		}

	}

	record TokenList(List<TokenItem> items, String next) {

	}

	record NewPassword(String currentPassword, String newPassword) {

		@Override
		public String toString() {
			return "NewPassword[****, ****]";
		}

	}

	@GetMapping("/api/v1/my/tokens")
	TokenList tokens(Actor actor, HttpServletRequest request) {
		return new TokenList(tokens.tokensOf(actor, BearerToken.of(request)).stream().map(TokenItem::of).toList(),
				null);
	}

	@DeleteMapping("/api/v1/my/tokens/{id}")
	ResponseEntity<Void> revoke(Actor actor, @PathVariable TokenId id) {
		tokens.revoke(actor, id);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/api/v1/my/password")
	ResponseEntity<Void> changePassword(Actor actor, @RequestBody NewPassword body, HttpServletRequest request) {
		if (body == null) {
			throw new InvalidInputException("body", "is required");
		}
		passwords.change(actor, body.currentPassword(), body.newPassword(), request.getRemoteAddr(),
				request.getHeader("User-Agent"));
		return ResponseEntity.noContent().build();
	}

}
