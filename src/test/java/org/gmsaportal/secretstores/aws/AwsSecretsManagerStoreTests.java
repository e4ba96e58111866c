package org.gmsaportal.secretstores.aws;

import java.util.Map;

import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.gmsaportal.secretstores.StoredSecret;
import org.gmsaportal.secretstores.aws.SecretsManagerStandIn.Call;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AWS Secrets Manager store writing, reading and removing the plug-in's secret through the real SDK against the
 * local HTTPS stand-in ({@link AwsStandInSupport} says why and what real AWS adds): the exact calls, their JSON
 * bodies and signatures, the portal's tags, versions and the deletion window.
 */
class AwsSecretsManagerStoreTests extends AwsStandInSupport {

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

}
