package org.studygate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The application's master key (decision 014): {@code STUDYGATE_SECRET_KEY} (base64, at
 * least 32 bytes), or a key generated into the data directory on first start, and the
 * previous keys of a rotation ({@code studygate.previous-secret-keys}). Each module
 * derives its own keys from it with {@link #derive(byte[], String)} under a purpose
 * string of its own, so that one master key serves codes and two-factor secrets alike
 * (decision 057).
 */
@Component
public class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	private final byte[] current;

	private final List<byte[]> previous;

	MasterKey(StudygateProperties properties, @Value("${studygate.secret-key:${STUDYGATE_SECRET_KEY:}}") String key,
			@Value("${studygate.previous-secret-keys:}") List<String> previousKeys) {
		this.current = key == null || key.isBlank() ? fromDataDir(properties.dataDir()) : decode(key);
		this.previous = previousKeys.stream().filter(k -> !k.isBlank()).map(MasterKey::decode).toList();
	}

	/** The master key in force. */
	public byte[] current() {
		return current.clone();
	}

	/** The keys of earlier rotations, which still decrypt. */
	public List<byte[]> previous() {
		return previous.stream().map(byte[]::clone).toList();
	}

	/** A key for one purpose: HMAC-SHA256 of the purpose under the master key. */
	public static byte[] derive(byte[] master, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(master, "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The id of a master key: the first 8 hex digits of a SHA-256 over a derivation of
	 * it, kept beside each ciphertext.
	 */
	public static String keyId(byte[] master) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(derive(master, "studygate-key-id")), 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("STUDYGATE_SECRET_KEY is not base64");
		}
		if (key.length < 32) {
			throw new IllegalStateException("STUDYGATE_SECRET_KEY must hold at least 32 bytes");
		}
		return key;
	}

	/**
	 * The key kept in the data directory, made on first start (readable by the owner
	 * only).
	 */
	private static byte[] fromDataDir(Path dataDir) {
		Path file = dataDir.resolve("secret-key");
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file));
			}
			Files.createDirectories(dataDir);
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's own protection applies
			}
			log.info("Generated the secret key into {}; keep it with the database backups", file);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or create the secret key " + file, ex);
		}
	}

}
