package org.studygate.refcode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.studygate.MasterKey;
import org.studygate.SecretBox;

import org.springframework.stereotype.Component;

/**
 * The secrets of codes (docs/product/06-security.md, decision 014): reference numbers and
 * pincodes are encrypted with AES-GCM under a key derived from
 * {@code STUDYGATE_SECRET_KEY} (base64, at least 32 bytes), or from a key generated into
 * the data directory on first start; each ciphertext keeps the id of the key that made
 * it, so that older keys ({@code studygate.previous-secret-keys}) still decrypt after a
 * rotation. Lookups use an HMAC-SHA256 under a second derived key; OTPs are only hashed
 * that way.
 */
@Component
class CodeSecrets {

	private final SecretBox box;

	CodeSecrets(MasterKey masterKey) {
		this.box = new SecretBox(masterKey, "studygate-code-encryption", "studygate-code-lookup");
	}

	String currentKeyId() {
		return box.currentKeyId();
	}

	SecretBox.Sealed encrypt(String clear) {
		return box.seal(clear.getBytes(StandardCharsets.UTF_8));
	}

	String decrypt(byte[] sealed, String keyId) {
		return new String(box.open(sealed, keyId), StandardCharsets.UTF_8);
	}

	/** The keyed hash a secret is found by (codes) or checked against (OTPs). */
	byte[] hash(String purpose, String clear) {
		return box.hash(purpose, clear);
	}

	SecureRandom random() {
		return box.random();
	}

}
