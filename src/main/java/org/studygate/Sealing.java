package org.studygate;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

/**
 * Encryption at rest for messages kept with patient data (decision 050): a
 * {@link SecretBox} under the same derived keys as the codes' secrets (decision 014), so
 * one master key and one rotation cover both.
 */
@Component
public class Sealing {

	private final SecretBox box;

	Sealing(MasterKey masterKey) {
		this.box = new SecretBox(masterKey, "studygate-code-encryption", "studygate-code-lookup");
	}

	public SecretBox.Sealed seal(String clear) {
		return box.seal(clear.getBytes(StandardCharsets.UTF_8));
	}

	public String open(SecretBox.Sealed sealed) {
		return new String(box.open(sealed.cipher(), sealed.keyId()), StandardCharsets.UTF_8);
	}

}
