package org.studygate;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from key and trust store files (PKCS#12 or JKS, the type read from the
 * file), for every connection that presents or checks a certificate: the HL7 listener
 * (docs/decisions/053-ris-feed-department-settings.md), the ATNA export
 * (docs/decisions/059-atna-audit-export.md) and the regional network
 * (docs/decisions/024-rsw-mhd-provide-document-bundle.md).
 */
public final class TlsContexts {

	private TlsContexts() {
	}

	/**
	 * A TLS context presenting the key store's key entry, when there is a key store, and
	 * checking peers against the trust store, or the JDK's trusted certificates without
	 * one.
	 * @param keyStore the key store file, or {@code null} for none
	 * @param keyPassword its password ({@code null}: empty)
	 * @param trustStore the trust store file, or {@code null} for the JDK's
	 * @param trustPassword its password ({@code null}: empty)
	 * @throws IOException when a file cannot be read
	 * @throws GeneralSecurityException when a store cannot be opened or used
	 */
	public static SSLContext of(Path keyStore, String keyPassword, Path trustStore, String trustPassword)
			throws IOException, GeneralSecurityException {
		KeyManager[] keys = null;
		if (keyStore != null) {
			char[] password = chars(keyPassword);
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(KeyStore.getInstance(keyStore.toFile(), password), password);
			keys = factory.getKeyManagers();
		}
		TrustManager[] trust = null;
		if (trustStore != null) {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(KeyStore.getInstance(trustStore.toFile(), chars(trustPassword)));
			trust = factory.getTrustManagers();
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys, trust, null);
		return context;
	}

	private static char[] chars(String password) {
		return password == null ? new char[0] : password.toCharArray();
	}

}
