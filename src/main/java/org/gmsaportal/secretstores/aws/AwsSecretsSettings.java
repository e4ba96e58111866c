package org.gmsaportal.secretstores.aws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal reaches AWS Secrets Manager. Credentials are not here: they come from the SDK's default provider
 * chain (environment, web identity / IRSA, the instance profile), never from the database; the region comes from
 * each secret's ARN.
 *
 * @param endpointOverride one HTTPS endpoint for every region instead of the regional public one, e.g. an interface
 * VPC endpoint's DNS name; {@code null} for AWS's regional endpoints
 * @param caFile PEM file with the CA certificates to trust for the endpoint instead of the JDK's trust store (a
 * TLS-inspecting proxy's CA); {@code null} for the JDK's trust store
 * @param kmsKeyId KMS key (id, alias or ARN) for secrets the portal creates; {@code null} for
 * {@code aws/secretsmanager}. Only a customer managed key lets another account's nodes read the secret.
 * @param recoveryWindowDays how long a secret the portal deletes stays recoverable (7 to 30 days; its name stays
 * reserved meanwhile)
 * @param connectTimeout how long to wait for a TCP/TLS connection before reporting "cannot reach"
 * @param callTimeout how long one call may take, the SDK's retries included
 */
@ConfigurationProperties("gmsa.secret-stores.aws")
@Validated
record AwsSecretsSettings(@Nullable URI endpointOverride, @Nullable Path caFile, @Nullable String kmsKeyId,
		@DefaultValue("30") @Min(7) @Max(30) int recoveryWindowDays, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration callTimeout) {

	/** The defaults: AWS's regional endpoints, the JDK's trust store, {@code aws/secretsmanager}. */
	static AwsSecretsSettings defaults() {
		return new AwsSecretsSettings(null, null, null, 30, Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

	/** The identity secret travels in the request body: never over plain HTTP. */
	@AssertTrue(message = "must be an https:// URL with a host, e.g. "
			+ "https://vpce-0abc-xyz.secretsmanager.us-east-1.vpce.amazonaws.com")
	boolean isEndpointOverrideHttps() {
		return this.endpointOverride == null || ("https".equalsIgnoreCase(this.endpointOverride.getScheme())
				&& this.endpointOverride.getHost() != null);
	}

}
