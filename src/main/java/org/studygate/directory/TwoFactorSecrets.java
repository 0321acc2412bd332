package org.studygate.directory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.studygate.MasterKey;

import org.springframework.stereotype.Component;

/**
 * The secrets of the second factor (decision 057), under keys derived from the master key
 * as codes' are (decision 014): TOTP secrets are AES-256-GCM ciphertext with the key id
 * as associated data, recovery codes only a keyed hash (HMAC-SHA256).
 */
@Component
class TwoFactorSecrets {

	private static final int IV_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	private final SecretKeySpec macKey;

	TwoFactorSecrets(MasterKey masterKey) {
		byte[] master = masterKey.current();
		this.currentKeyId = MasterKey.keyId(master);
		keys.put(currentKeyId, new SecretKeySpec(MasterKey.derive(master, "studygate-totp-encryption"), "AES"));
		for (byte[] old : masterKey.previous()) {
			keys.putIfAbsent(MasterKey.keyId(old),
					new SecretKeySpec(MasterKey.derive(old, "studygate-totp-encryption"), "AES"));
		}
		this.macKey = new SecretKeySpec(MasterKey.derive(master, "studygate-recovery-code"), "HmacSHA256");
	}

	record Sealed(byte[] cipher, String keyId) {

	}

	SecureRandom random() {
		return random;
	}

	Sealed encrypt(byte[] clear) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(128, iv));
			cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.US_ASCII));
			byte[] body = cipher.doFinal(clear);
			return new Sealed(ByteBuffer.allocate(iv.length + body.length).put(iv).put(body).array(), currentKeyId);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt", ex);
		}
	}

	byte[] decrypt(byte[] sealed, String keyId) {
		SecretKeySpec key = keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("no secret key with id " + keyId + " is configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
			cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
			return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot decrypt a second factor", ex);
		}
	}

	/**
	 * The keyed hash of a recovery code, or of a remembered browser's secret, bound to
	 * its owner.
	 */
	byte[] hash(UserId user, String code) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(macKey);
			mac.update(user.toString().getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot hash", ex);
		}
	}

}
