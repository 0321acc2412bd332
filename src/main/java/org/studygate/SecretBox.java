package org.studygate;

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

/**
 * Secrets at rest under keys derived from the master key for one purpose
 * (docs/decisions/014-reference-number-secrets.md): AES-256-GCM with the key's id as
 * associated data, so that ciphertexts of older keys
 * ({@code studygate.previous-secret-keys}) still open after a rotation, and a keyed hash
 * (HMAC-SHA256) under a second derived key for what is only ever compared. Codes, second
 * factors and RIS messages each hold one box with purposes of their own.
 */
public final class SecretBox {

	private static final int IV_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	private final SecretKeySpec macKey;

	/** A ciphertext with the id of the key that made it. */
	public record Sealed(byte[] cipher, String keyId) {

	}

	public SecretBox(MasterKey masterKey, String encryptionPurpose, String hashPurpose) {
		byte[] master = masterKey.current();
		this.currentKeyId = MasterKey.keyId(master);
		keys.put(currentKeyId, new SecretKeySpec(MasterKey.derive(master, encryptionPurpose), "AES"));
		for (byte[] old : masterKey.previous()) {
			keys.putIfAbsent(MasterKey.keyId(old), new SecretKeySpec(MasterKey.derive(old, encryptionPurpose), "AES"));
		}
		this.macKey = new SecretKeySpec(MasterKey.derive(master, hashPurpose), "HmacSHA256");
	}

	public String currentKeyId() {
		return currentKeyId;
	}

	public SecureRandom random() {
		return random;
	}

	public Sealed seal(byte[] clear) {
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

	public byte[] open(byte[] sealed, String keyId) {
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
			throw new IllegalStateException("cannot decrypt", ex);
		}
	}

	/** The keyed hash of a secret within a context (a purpose, an owner). */
	public byte[] hash(String context, String clear) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(macKey);
			mac.update(context.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(clear.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot hash", ex);
		}
	}

}
