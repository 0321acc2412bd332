package org.studygate.refcode;

import org.springframework.stereotype.Component;

/**
 * Encryption at rest for other modules' secrets (decision 050): the same AES-GCM key and
 * key ids as the codes' secrets (decision 014), so one key and one rotation cover both.
 */
@Component
public class Sealing {

	private final CodeSecrets secrets;

	Sealing(CodeSecrets secrets) {
		this.secrets = secrets;
	}

	/** A ciphertext with the id of the key that made it. */
	public record Sealed(byte[] cipher, String keyId) {

	}

	public Sealed seal(String clear) {
		CodeSecrets.Sealed sealed = secrets.encrypt(clear);
		return new Sealed(sealed.cipher(), sealed.keyId());
	}

	public String open(Sealed sealed) {
		return secrets.decrypt(sealed.cipher(), sealed.keyId());
	}

}
