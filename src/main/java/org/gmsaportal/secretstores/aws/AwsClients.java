package org.gmsaportal.secretstores.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * One Secrets Manager client per region, sharing one HTTP client and one default credential chain. The chain is
 * the SDK's own (system properties, environment, web identity / IRSA, profile, container and instance
 * credentials), so the portal never holds an AWS key of its own. The HTTP client and the chain are built at the
 * first call, not at start: most portals never use AWS, and building them loads a few hundred SDK classes.
 */
final class AwsClients implements AutoCloseable {

	private final AwsSecretsSettings settings;

	private final TrustManager @Nullable [] trust;

	private @Nullable SdkHttpClient http;

	private @Nullable DefaultCredentialsProvider credentials;

	private final Map<String, SecretsManagerClient> byRegion = new ConcurrentHashMap<>();

	AwsClients(AwsSecretsSettings settings) {
		this.settings = settings;
		// Read now, so a wrong path stops the start naming the setting, not a run hours later.
		this.trust = (settings.caFile() != null) ? trustManagers(settings) : null;
	}

	SecretsManagerClient forRegion(String region) {
		return this.byRegion.computeIfAbsent(region, this::build);
	}

	/** Where calls for this region go, for messages: the override, else AWS's regional endpoint. */
	String endpoint(String region) {
		return (this.settings.endpointOverride() != null) ? this.settings.endpointOverride().toString()
				: "the AWS Secrets Manager endpoint of " + region;
	}

	@Nullable String kmsKeyId() {
		return this.settings.kmsKeyId();
	}

	int recoveryWindowDays() {
		return this.settings.recoveryWindowDays();
	}

	private synchronized SecretsManagerClient build(String region) {
		if (this.http == null || this.credentials == null) {
			UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
				.connectionTimeout(this.settings.connectTimeout())
				.socketTimeout(this.settings.callTimeout());
			TrustManager[] trust = this.trust;
			if (trust != null) {
				http.tlsTrustManagersProvider(() -> trust);
			}
			this.http = http.build();
			this.credentials = DefaultCredentialsProvider.builder().build();
		}
		SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
			.region(Region.of(region))
			.credentialsProvider(this.credentials)
			.httpClient(this.http)
			// STANDARD: 3 attempts with backoff for throttling and 5xx, then the error reaches the run.
			.overrideConfiguration((c) -> c.retryStrategy(RetryMode.STANDARD)
				.apiCallTimeout(this.settings.callTimeout()));
		if (this.settings.endpointOverride() != null) {
			builder.endpointOverride(this.settings.endpointOverride());
		}
		return builder.build();
	}

	private static TrustManager[] trustManagers(AwsSecretsSettings settings) {
		try (InputStream in = Files.newInputStream(settings.caFile())) {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(in);
			if (certificates.isEmpty()) {
				throw new IllegalStateException("gmsa.secret-stores.aws.ca-file " + settings.caFile()
						+ " holds no PEM certificate");
			}
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int i = 0;
			for (Certificate certificate : certificates) {
				store.setCertificateEntry("ca-" + i++, certificate);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return factory.getTrustManagers();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("gmsa.secret-stores.aws.ca-file " + settings.caFile()
					+ " cannot be read as PEM certificates: " + ex.getMessage(), ex);
		}
	}

	@Override
	public synchronized void close() {
		// The SDK does not close an HTTP client or credentials provider it was handed.
		this.byRegion.values().forEach(SecretsManagerClient::close);
		if (this.http != null) {
			this.http.close();
		}
		if (this.credentials != null) {
			this.credentials.close();
		}
	}

}
