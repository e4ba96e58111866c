package org.gmsaportal.secretstores.aws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.credspec.PortableIdentity;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.secretstores.SecretDestination;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the AWS store's tests share: the real AWS SDK for Java v2 (its JDK HTTP client, its SigV4 signer, its default
 * credential chain reading {@code aws.accessKeyId} / {@code aws.secretAccessKey}) against a local HTTPS stand-in
 * ({@link SecretsManagerStandIn}), since no Secrets Manager emulator runs here. The stand-in checks each request's
 * shape and signature; what real AWS adds (IAM and resource policies, KMS, quotas) is not tested here.
 */
abstract class AwsStandInSupport {

	static final String ACCESS_KEY = "AKIDSTANDIN000000001";

	static final String SECRET_KEY = "stand-in-secret-access-key/0123456789";

	static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gmsa/webapp01-ccg";

	static final String PASSWORD = "Pw-7f3Kq9!zV2rT8";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path work;

	static SecretsManagerStandIn aws;

	AwsSecretsManagerStore store;

	private final Logger sdkLog = (Logger) LoggerFactory.getLogger("software.amazon.awssdk");

	@BeforeAll
	static void startStandIn() throws Exception {
		// The first source of the SDK's default chain, so no other source (nor the instance metadata address) is
		// ever tried.
		System.setProperty("aws.accessKeyId", ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", SECRET_KEY);
		aws = new SecretsManagerStandIn(work, "eu-west-1", "123456789012", ACCESS_KEY, SECRET_KEY);
	}

	@AfterAll
	static void stopStandIn() {
		aws.close();
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
	}

	@BeforeEach
	void newStore() {
		aws.secrets.clear();
		aws.calls.clear();
		aws.heal();
		this.store = new AwsSecretsManagerStore(settings(aws.endpoint()));
		// The SDK's request logging on, so the value-absent assertions cover it too.
		this.sdkLog.setLevel(Level.DEBUG);
	}

	@AfterEach
	void closeStore() {
		this.store.destroy();
		this.sdkLog.setLevel(null);
	}

	static AwsSecretsSettings settings(URI endpoint) {
		return new AwsSecretsSettings(endpoint, aws.caFile(), null, 30, Duration.ofSeconds(2),
				Duration.ofSeconds(20));
	}

	static SecretDestination at(String runId) {
		return new SecretDestination(new AwsPlugin(ARN), null, runId);
	}

	static PortableIdentitySecret value(String domain, String user, String password) {
		return new AwsPlugin(ARN).secretFor(new PortableIdentity(domain, user, SecretValue.of(password))).orElseThrow();
	}

	static String password(PortableIdentitySecret secret) {
		return JSON.readTree(((PortableIdentitySecret.Text) secret).value().reveal()).get("password").stringValue();
	}

}
