package org.gmsaportal.secretstores.aws;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.credspec.PortableIdentity;
import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.gmsaportal.secretstores.StoredSecret;
import org.gmsaportal.secretstores.aws.SecretsManagerStandIn.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AWS Secrets Manager adapter through the real AWS SDK for Java v2 (its JDK HTTP client, its SigV4 signer, its
 * default credential chain reading {@code aws.accessKeyId} / {@code aws.secretAccessKey}) against a local HTTPS
 * stand-in ({@link SecretsManagerStandIn}): no Secrets Manager emulator runs here. The stand-in checks each
 * request's shape and signature; what real AWS adds (IAM and resource policies, KMS, quotas) is not tested here.
 */
@ExtendWith(OutputCaptureExtension.class)
class AwsSecretsManagerStoreTests {

	private static final String ACCESS_KEY = "AKIDSTANDIN000000001";

	private static final String SECRET_KEY = "stand-in-secret-access-key/0123456789";

	private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gmsa/webapp01-ccg";

	private static final String PASSWORD = "Pw-7f3Kq9!zV2rT8";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path work;

	private static SecretsManagerStandIn aws;

	private AwsSecretsManagerStore store;

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

	@Test
	void firstWriteCreatesTheTaggedSecretWithThePluginJsonThroughASignedJsonRequest() throws Exception {
		StoredSecret stored = this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD));

		assertThat(aws.operations()).containsExactly("DescribeSecret", "CreateSecret");
		Call create = aws.calls("CreateSecret").get(0);
		assertThat(create.headers()).containsEntry("content-type", "application/x-amz-json-1.1")
			.containsEntry("x-amz-target", "secretsmanager.CreateSecret");
		assertThat(create.headers().get("authorization")).matches(SigV4.AUTHORIZATION)
			.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
			.contains("/eu-west-1/secretsmanager/aws4_request, SignedHeaders=");
		assertThat(aws.calls).allSatisfy((c) -> assertThat(c.signatureProblem()).isNull());
		assertThat(create.body().get("Name").stringValue()).isEqualTo("gmsa/webapp01-ccg");
		assertThat(create.body().get("Tags").toString()).contains("{\"Key\":\"managed-by\",\"Value\":\"gmsa-portal\"}")
			.contains("{\"Key\":\"gmsa-portal-run\",\"Value\":\"run-1\"}");
		JsonNode value = JSON.readTree(create.body().get("SecretString").stringValue());
		assertThat(value.propertyNames()).containsExactly("username", "password", "domainName");
		assertThat(value.get("username").stringValue()).isEqualTo("webapp01-ccg");
		assertThat(value.get("password").stringValue()).isEqualTo(PASSWORD);
		assertThat(value.get("domainName").stringValue()).isEqualTo("lab.test");
		assertThat(aws.calls("DescribeSecret").get(0).body().get("SecretId").stringValue()).isEqualTo(ARN);
		assertThat(stored).isEqualTo(new StoredSecret(true, true,
				aws.secrets.get("gmsa/webapp01-ccg").current(), "run-1"));
	}

	@Test
	void aLaterWritePutsANewVersionRetagsTheRunAndKeepsThePreviousOne() {
		StoredSecret first = this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD));
		aws.calls.clear();

		StoredSecret second = this.store.write(at("run-2"), value("lab.test", "webapp01-ccg", "Rotated-9xQ!w2Lm"));

		assertThat(aws.operations()).containsExactly("DescribeSecret", "PutSecretValue", "TagResource");
		assertThat(aws.calls("PutSecretValue").get(0).body().get("SecretId").stringValue()).isEqualTo(ARN);
		assertThat(aws.calls("TagResource").get(0).body().get("Tags").toString())
			.isEqualTo("[{\"Key\":\"gmsa-portal-run\",\"Value\":\"run-2\"}]");
		assertThat(second.version()).isNotEqualTo(first.version());
		assertThat(second).isEqualTo(this.store.inspect(at("run-2")));
		assertThat(aws.secrets.get("gmsa/webapp01-ccg").stages.get(first.version())).containsExactly("AWSPREVIOUS");
		assertThat(password(this.store.read(at("run-2")))).isEqualTo("Rotated-9xQ!w2Lm");
	}

	@Test
	void readGivesBackThePluginJsonThatWasWritten() throws Exception {
		this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD));

		PortableIdentitySecret read = this.store.read(at("run-1"));

		JsonNode json = JSON.readTree(((PortableIdentitySecret.Text) read).value().reveal());
		assertThat(json.get("username").stringValue()).isEqualTo("webapp01-ccg");
		assertThat(json.get("password").stringValue()).isEqualTo(PASSWORD);
		assertThat(json.get("domainName").stringValue()).isEqualTo("lab.test");
		assertThat(aws.calls("GetSecretValue").get(0).headers())
			.containsEntry("x-amz-target", "secretsmanager.GetSecretValue");
	}

	@Test
	void aSecretWithoutThePortalsTagIsForeignAndNeitherOverwrittenNorDeleted() {
		aws.seed("gmsa/webapp01-ccg", "{\"username\":\"someone\"}", Map.of("owner", "team-x"));

		StoredSecret seen = this.store.inspect(at("run-1"));

		assertThat(seen.exists()).isTrue();
		assertThat(seen.writtenByPortal()).isFalse();
		assertThat(seen.writtenByRun()).isNull();
		assertThat(seen.version()).isEqualTo(aws.secrets.get("gmsa/webapp01-ccg").current());
		assertThatExceptionOfType(SecretStoreException.class)
			.isThrownBy(() -> this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.REFUSED))
			.withMessageContaining("gmsa/webapp01-ccg (region eu-west-1, account 123456789012)")
			.withMessageContaining("without the portal's tag managed-by=gmsa-portal");
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> this.store.remove(at("run-1")));
		assertThat(aws.operations()).containsOnly("DescribeSecret");
	}

	@Test
	void aSecretNotInThePluginsShapeIsRefusedOnReadWithoutQuotingIt() {
		aws.seed("gmsa/webapp01-ccg", "webapp01-ccg:" + PASSWORD, Map.of("managed-by", "gmsa-portal"));

		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> this.store.read(at("run-1")))
			.withMessageContaining("does not hold the JSON the AWS plug-in reads")
			.withMessageNotContaining(PASSWORD)
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
	}

	@Test
	void accessDeniedNamesTheIamActionsTheIdentityNeeds() {
		aws.fail("CreateSecret", 400, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/"
				+ "portal/i-1 is not authorized to perform: secretsmanager:CreateSecret");

		assertThatExceptionOfType(SecretStoreException.class)
			.isThrownBy(() -> this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.FORBIDDEN))
			.satisfies((ex) -> assertThat(ex.store()).isEqualTo("AWS Secrets Manager"))
			.withMessageContaining("may not create secret gmsa/webapp01-ccg (region eu-west-1")
			.withMessageContaining("secretsmanager:CreateSecret, secretsmanager:PutSecretValue, "
					+ "secretsmanager:GetSecretValue, secretsmanager:DescribeSecret, secretsmanager:DeleteSecret, "
					+ "secretsmanager:TagResource")
			.withMessageContaining("arn:aws:secretsmanager:eu-west-1:123456789012:secret:gmsa/webapp01-ccg-*")
			.withMessageContaining("not authorized to perform: secretsmanager:CreateSecret")
			.withMessageNotContaining(PASSWORD);
	}

	@Test
	void aMissingSecretIsSaidToBeMissingOnReadAndAbsentOnInspectAndRemove() {
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> this.store.read(at("run-1")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.STORE_NOT_FOUND))
			.withMessageContaining("Cannot read secret gmsa/webapp01-ccg (region eu-west-1, account 123456789012): "
					+ "it does not exist")
			.withMessageContaining("credentialArn");
		assertThat(this.store.inspect(at("run-1"))).isEqualTo(StoredSecret.absent());
		assertThat(this.store.remove(at("run-1"))).isEqualTo(StoredSecret.absent());
	}

	@Test
	void throttlingThatOutlastsTheRetriesSaysToResumeLater() {
		this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD));
		aws.fail("PutSecretValue", 400, "ThrottlingException", "Rate exceeded");

		assertThatExceptionOfType(SecretStoreException.class)
			.isThrownBy(() -> this.store.write(at("run-2"), value("lab.test", "webapp01-ccg", PASSWORD)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.THROTTLED))
			.withMessageContaining("throttled the request to write a new version of secret gmsa/webapp01-ccg")
			.withMessageContaining("Resume the run in a minute");
		// The SDK's standard retry mode tried three times before giving up.
		assertThat(aws.calls("PutSecretValue")).hasSize(3);
	}

	@Test
	void aServiceThatDoesNotAnswerIsUnreachableNamingTheEndpointSetting() throws Exception {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closed = URI.create("https://127.0.0.1:" + socket.getLocalPort());
		}
		AwsSecretsManagerStore unreachable = new AwsSecretsManagerStore(settings(closed));
		try {
			assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> unreachable.inspect(at("run-1")))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.UNREACHABLE))
				.withMessageContaining("Cannot reach AWS Secrets Manager at " + closed)
				.withMessageContaining("gmsa.secret-stores.aws.endpoint-override");
		}
		finally {
			unreachable.destroy();
		}
	}

	@Test
	void anSsmParameterArnIsRefusedBeforeAnyCall() {
		SecretDestination ssm = new SecretDestination(
				new AwsPlugin("arn:aws:ssm:eu-west-1:123456789012:parameter/gmsa/webapp01"), null, "run-1");

		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> this.store.inspect(ssm))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_NAME))
			.withMessageContaining("credentialArn arn:aws:ssm:eu-west-1:123456789012:parameter/gmsa/webapp01")
			.withMessageContaining("Secrets Manager secret only");
		assertThat(this.store.serves(ssm.preset())).isTrue();
		assertThat(aws.calls).isEmpty();
	}

	@Test
	void removeSchedulesTheDeletionWithTheRecoveryWindowAndALaterWriteRestoresIt() {
		this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD));

		StoredSecret removed = this.store.remove(at("run-1"));

		assertThat(aws.calls("DeleteSecret").get(0).body().get("RecoveryWindowInDays").asInt()).isEqualTo(30);
		assertThat(removed).isEqualTo(new StoredSecret(true, true, null, "run-1"));
		assertThat(this.store.inspect(at("run-1")).exists()).isTrue();
		aws.calls.clear();
		this.store.write(at("run-3"), value("lab.test", "webapp01-ccg", "Again-4vB!p7Qs"));
		assertThat(aws.operations()).containsExactly("DescribeSecret", "RestoreSecret", "PutSecretValue",
				"TagResource");
	}

	@Test
	void equivalentCommandLeavesTheValueOut() {
		assertThat(this.store.equivalentCommand(at("run-1"))).isEqualTo("aws secretsmanager put-secret-value "
				+ "--secret-id " + ARN + " --secret-string '<value>' --region eu-west-1");
	}

	@Test
	void theValueReachesNoLogLineAndNoMessage(CapturedOutput output) {
		StoredSecret stored = this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD));
		this.store.read(at("run-1"));
		aws.fail("PutSecretValue", 400, "ValidationException", "Invalid name");
		SecretStoreException refused = org.junit.jupiter.api.Assertions.assertThrows(SecretStoreException.class,
				() -> this.store.write(at("run-2"), value("lab.test", "webapp01-ccg", PASSWORD)));

		assertThat(refused.reason()).isEqualTo(Reason.INVALID_NAME);
		assertThat(output.getAll()).contains("gmsa/webapp01-ccg").contains(stored.version())
			.doesNotContain(PASSWORD);
		assertThat(refused.getMessage()).doesNotContain(PASSWORD);
		assertThat(stored.toString()).doesNotContain(PASSWORD);
	}

	private static AwsSecretsSettings settings(URI endpoint) {
		return new AwsSecretsSettings(endpoint, aws.caFile(), null, 30, Duration.ofSeconds(2),
				Duration.ofSeconds(20));
	}

	private static SecretDestination at(String runId) {
		return new SecretDestination(new AwsPlugin(ARN), null, runId);
	}

	private static PortableIdentitySecret value(String domain, String user, String password) {
		return new AwsPlugin(ARN).secretFor(new PortableIdentity(domain, user, SecretValue.of(password))).orElseThrow();
	}

	private static String password(PortableIdentitySecret secret) {
		return JSON.readTree(((PortableIdentitySecret.Text) secret).value().reveal()).get("password").stringValue();
	}

}
