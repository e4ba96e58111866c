package org.gmsaportal.directory.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Builds the TLS socket factories a directory connection trusts: a CA from a PEM file, the JDK's
 * default trust store, or (lab only) anything.
 */
public final class TlsSocketFactories {

	private TlsSocketFactories() {
	}

	/**
	 * Chooses the factory for a connection's settings.
	 * @param caFile PEM CA certificates, or {@code null} for the JDK trust store
	 * @param trustAll accept every certificate and host name (lab only)
	 */
	public static SSLSocketFactory forSettings(@Nullable Path caFile, boolean trustAll) {
		try {
			if (trustAll) {
				return context(new TrustManager[] { new TrustEverything() }).getSocketFactory();
			}
			if (caFile != null) {
				return fromPem(caFile);
			}
			return SSLContext.getDefault().getSocketFactory();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("TLS setup failed: " + ex.getMessage(), ex);
		}
	}

	static SSLSocketFactory fromPem(Path caFile) throws GeneralSecurityException {
		KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
		try (InputStream in = Files.newInputStream(caFile)) {
			store.load(null, null);
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(in);
			if (certificates.isEmpty()) {
				throw new IllegalStateException("ca-file " + caFile + " holds no PEM certificate");
			}
			int i = 0;
			for (Certificate certificate : certificates) {
				store.setCertificateEntry("ca-" + i++, certificate);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("ca-file " + caFile + " cannot be read: " + ex.getMessage(), ex);
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return context(factory.getTrustManagers()).getSocketFactory();
	}

	private static SSLContext context(TrustManager[] trustManagers) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers, null);
		return context;
	}

	/**
	 * Accepts any chain and, being an extended trust manager, also skips the host name check that
	 * JNDI asks for on LDAPS sockets.
	 */
	private static final class TrustEverything extends X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
