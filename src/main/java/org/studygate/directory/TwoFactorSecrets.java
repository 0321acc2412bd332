package org.studygate.directory;

import java.security.SecureRandom;

import org.studygate.MasterKey;
import org.studygate.SecretBox;

import org.springframework.stereotype.Component;

/**
 * The secrets of the second factor (decision 057), under keys derived from the master key
 * as codes' are (decision 014): TOTP secrets are AES-256-GCM ciphertext with the key id
 * as associated data, recovery codes only a keyed hash (HMAC-SHA256).
 */
@Component
class TwoFactorSecrets {

	private final SecretBox box;

	TwoFactorSecrets(MasterKey masterKey) {
		this.box = new SecretBox(masterKey, "studygate-totp-encryption", "studygate-recovery-code");
	}

	SecureRandom random() {
		return box.random();
	}

	SecretBox.Sealed encrypt(byte[] clear) {
		return box.seal(clear);
	}

	byte[] decrypt(byte[] sealed, String keyId) {
		return box.open(sealed, keyId);
	}

	/**
	 * The keyed hash of a recovery code, or of a remembered browser's secret, bound to
	 * its owner.
	 */
	byte[] hash(UserId user, String code) {
		return box.hash(user.toString(), code);
	}

}
