package org.studygate.refcode;

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

	private static final int IV_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKeySpec> encryptionKeys = new LinkedHashMap<>();

	private final SecretKeySpec macKey;

	CodeSecrets(MasterKey masterKey) {
		byte[] master = masterKey.current();
		this.currentKeyId = keyId(master);
		this.encryptionKeys.put(currentKeyId, new SecretKeySpec(derive(master, "studygate-code-encryption"), "AES"));
		for (byte[] old : masterKey.previous()) {
			encryptionKeys.putIfAbsent(keyId(old), new SecretKeySpec(derive(old, "studygate-code-encryption"), "AES"));
		}
		this.macKey = new SecretKeySpec(derive(master, "studygate-code-lookup"), "HmacSHA256");
	}

	/** A ciphertext with the id of the key that made it. */
	record Sealed(byte[] cipher, String keyId) {

	}

	String currentKeyId() {
		return currentKeyId;
	}

	Sealed encrypt(String clear) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, encryptionKeys.get(currentKeyId), new GCMParameterSpec(128, iv));
			cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.US_ASCII));
			byte[] body = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
			return new Sealed(ByteBuffer.allocate(iv.length + body.length).put(iv).put(body).array(), currentKeyId);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt", ex);
		}
	}

	String decrypt(byte[] sealed, String keyId) {
		SecretKeySpec key = encryptionKeys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("no secret key with id " + keyId + " is configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
			cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
			return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot decrypt a code", ex);
		}
	}

	/** The keyed hash a secret is found by (codes) or checked against (OTPs). */
	byte[] hash(String purpose, String clear) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(macKey);
			mac.update(purpose.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(clear.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot hash", ex);
		}
	}

	SecureRandom random() {
		return random;
	}

	private static byte[] derive(byte[] master, String purpose) {
		return MasterKey.derive(master, purpose);
	}

	private static String keyId(byte[] master) {
		return MasterKey.keyId(master);
	}

}
