package org.gmsaportal.provisioning;

import java.util.Map;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.secretstores.aws.SecretsManagerStandIn;
import org.gmsaportal.support.KeyVaultStandIn;
import org.gmsaportal.support.KeyVaultStandInApi.Version;
import org.gmsaportal.support.KeyVaultStandInConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run against the Samba lab DC that ends with the portable identity in a cloud store, in the plug-in's exact
 * format, the credential spec's PluginInput naming that secret, and retrieval proven with what the store gives back.
 * Key Vault and Secrets Manager cannot run here: the real Azure and AWS SDKs talk to local HTTPS stand-ins
 * ({@link KeyVaultStandIn}, which checks each request's shape and bearer token, and
 * {@link SecretsManagerStandIn}, which checks each SigV4 signature). The cluster
 * is fabric8's mock API server; see {@link StoreRunSupport}.
 */
class CloudStoreRunIntegrationTests extends StoreRunSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String OBJECT_ID = "6b3f2c8e-1b10-4f0c-8b0c-7d5e4c7a9d55";

	@BeforeEach
	void awsKey() {
		SecretsManagerStandIn.useSharedKey();
	}

	@Test
	void anAzureKeyVaultRunWritesDomainUserAndPasswordToTheVaultAndProvesRetrievalThroughIt() {
		KeyVaultStandIn vault = KeyVaultStandInConfig.standIn();
		String name = Requests.freshName();
		String secret = secretName(name);
		String secretUri = "https://kv-runs.vault.azure.net/secrets/" + secret;
		Plan plan = this.service.plan(storeRequest(name, KnownPlugin.AZURE_KEY_VAULT.clsid(),
				"ObjectId=" + OBJECT_ID + ";SecretUri=" + secretUri, null));
		assertThat(plan.steps()).extracting(PlannedStep::kind).containsSubsequence(StepKind.ENSURE_PORTABLE_USER,
				StepKind.WRITE_PORTABLE_SECRET, StepKind.ENSURE_MEMBERSHIP, StepKind.PROVE_RETRIEVAL);

		String runId = start(plan);
		RunView run = finished(runId);

		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(vault.violations()).isEmpty();
		Version stored = vault.vaults().versions("kv-runs", secret).get(0);
		assertThat(vault.vaults().versions("kv-runs", secret)).hasSize(1);
		String prefix = "lab.test\\" + name + "-ccg:";
		assertThat(stored.value()).startsWith(prefix).hasSizeGreaterThan(prefix.length());
		assertThat(stored.tags()).isEqualTo(Map.of("managed-by", "gmsa-portal", "gmsa-portal-run", runId));
		JsonNode host = hostAccountConfig(run);
		assertThat(host.get("PluginGUID").asString()).isEqualTo(KnownPlugin.AZURE_KEY_VAULT.clsid());
		assertThat(host.get("PluginInput").asString()).isEqualTo("ObjectId=" + OBJECT_ID + ";SecretUri=" + secretUri);
		assertThat(step(run, StepKind.PROVE_RETRIEVAL).detail())
			.contains("retrieval proven through Azure Key Vault (" + secretUri + ")");
		// The test binds too, with the password the plug-in would read from the vault.
		String password = stored.value().substring(prefix.length());
		assertThat(bindAndRead(name, password)).isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);
		assertThat(this.service.takePortablePassword(runId)).isEmpty();
	}

	@Test
	void anAwsRunWritesThePluginJsonToSecretsManagerAndProvesRetrievalThroughIt() {
		String name = Requests.freshName();
		String secretId = "gmsa/" + secretName(name);
		String arn = "arn:aws:secretsmanager:eu-west-1:" + AWS_ACCOUNT + ":secret:" + secretId;
		Plan plan = this.service.plan(storeRequest(name, KnownPlugin.AWS.clsid(), "{\"credentialArn\":\"" + arn + "\"}",
				null));
		assertThat(plan.steps()).extracting(PlannedStep::kind).containsSubsequence(StepKind.ENSURE_PORTABLE_USER,
				StepKind.WRITE_PORTABLE_SECRET, StepKind.ENSURE_MEMBERSHIP, StepKind.PROVE_RETRIEVAL);

		String runId = start(plan);
		RunView run = finished(runId);

		assertThat(run.state()).as("%s", run.failure()).isEqualTo(RunState.SUCCEEDED);
		assertThat(AWS.signatureProblems()).isEmpty();
		JsonNode value = JSON.readTree(AWS.currentValue(secretId).orElseThrow());
		assertThat(value.propertyNames()).containsExactlyInAnyOrder("username", "password", "domainName");
		assertThat(value.get("username").asString()).isEqualTo(name + "-ccg");
		assertThat(value.get("domainName").asString()).isEqualTo("lab.test");
		assertThat(AWS.tags(secretId)).containsEntry("managed-by", "gmsa-portal")
			.containsEntry("gmsa-portal-run", runId);
		JsonNode host = hostAccountConfig(run);
		assertThat(host.get("PluginGUID").asString()).isEqualTo(KnownPlugin.AWS.clsid());
		assertThat(JSON.readTree(host.get("PluginInput").asString()).get("credentialArn").asString()).isEqualTo(arn);
		assertThat(step(run, StepKind.PROVE_RETRIEVAL).detail())
			.contains("retrieval proven through AWS Secrets Manager (" + arn + ")");
		// The test binds too, with the password the plug-in would read from Secrets Manager.
		assertThat(bindAndRead(name, value.get("password").asString()))
			.isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);
		assertThat(this.service.takePortablePassword(runId)).isEmpty();
	}

	private static JsonNode hostAccountConfig(RunView run) {
		return JSON.readTree(step(run, StepKind.GENERATE_CREDSPEC).artifact())
			.at("/ActiveDirectoryConfig/HostAccountConfig");
	}

}
