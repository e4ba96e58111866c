package org.gmsaportal.secretstores.aws;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.gmsaportal.secretstores.StoredSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the AWS Secrets Manager store says when AWS refuses or does not answer, through the real SDK against the
 * local HTTPS stand-in ({@link AwsStandInSupport}): the store, the secret, its region and what to do, and never the
 * secret's value, in a message or a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class AwsSecretsManagerErrorsTests extends AwsStandInSupport {

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
	void credentialsAwsRejectsAreSaidToBeRejectedWithWhereTheyComeFrom() {
		// Another secret key in the default chain: the stand-in, like AWS, finds the signature wrong.
		System.setProperty("aws.secretAccessKey", "not-the-key-the-stand-in-knows");
		AwsSecretsManagerStore wrongKey = new AwsSecretsManagerStore(settings(aws.endpoint()));
		try {
			assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> wrongKey.inspect(at("run-1")))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.FORBIDDEN))
				.withMessageContaining("AWS did not accept the portal's credentials to describe secret "
						+ "gmsa/webapp01-ccg")
				.withMessageContaining("InvalidSignatureException");
			assertThat(aws.calls).singleElement().satisfies((c) -> assertThat(c.signatureProblem()).isNotNull());
		}
		finally {
			wrongKey.destroy();
			System.setProperty("aws.secretAccessKey", SECRET_KEY);
		}
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
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
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
	void theValueReachesNoLogLineAndNoMessage(CapturedOutput output) {
		StoredSecret stored = this.store.write(at("run-1"), value("lab.test", "webapp01-ccg", PASSWORD));
		this.store.read(at("run-1"));
		aws.fail("PutSecretValue", 400, "ValidationException", "Invalid name");
		SecretStoreException refused = assertThrows(SecretStoreException.class,
				() -> this.store.write(at("run-2"), value("lab.test", "webapp01-ccg", PASSWORD)));

		assertThat(refused.reason()).isEqualTo(Reason.INVALID_NAME);
		assertThat(output.getAll()).contains("gmsa/webapp01-ccg").contains(stored.version())
			.doesNotContain(PASSWORD);
		assertThat(refused.getMessage()).doesNotContain(PASSWORD);
		assertThat(stored.toString()).doesNotContain(PASSWORD);
	}

}
