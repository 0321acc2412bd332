package org.studygate.atna;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of the export: the client certificate from the configured PKCS#12 key
 * store when there is one (ATNA's node authentication), the repository's certificate
 * checked against the configured trust store or the JDK's.
 */
final class TlsContexts {

	private TlsContexts() {
	}

	static SSLContext of(AtnaProperties settings) {
		try {
			KeyManagerFactory keys = null;
			if (!AtnaProperties.blank(settings.keyStore())) {
				char[] password = password(settings.keyStorePassword());
				keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(load(settings.keyStore(), password), password);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(AtnaProperties.blank(settings.trustStore()) ? null
					: load(settings.trustStore(), password(settings.trustStorePassword())));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("the ATNA export's key or trust store cannot be read", ex);
		}
	}

	private static KeyStore load(String file, char[] password) throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(Path.of(file))) {
			store.load(in, password);
		}
		return store;
	}

	private static char[] password(String password) {
		return password == null ? new char[0] : password.toCharArray();
	}

}
