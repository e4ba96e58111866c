package org.gmsaportal.credspec;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanation names the account, the domain, the host mode and which plug-in reads which secret.
 */
class CredentialSpecExplainerTests {

	private final CredentialSpecGenerator generator = new CredentialSpecGenerator();

	private final CredentialSpecExplainer explainer = new CredentialSpecExplainer();

	@Test
	void domainJoinedSpecIsExplainedAsUsingTheNodesComputerAccounts() {
		Explanation explanation = this.explainer.explain(this.generator.generate(Facts.CONTOSO, "webapp01"));

		assertThat(explanation.summary()).isEqualTo(
				"Containers run as gMSA webapp01 of domain contoso.com (CONTOSO) on domain-joined Windows nodes.");
		assertThat(explanation.details()).hasSize(4);
		assertThat(explanation.details().get(0)).contains("CONTOSO\\webapp01$");
		assertThat(explanation.details().get(1)).contains("S-1-5-21-702590844-1001920913-2680819671",
				"56d9b66c-d746-4f87-bd26-26760cfdca2e", "forest rooted at contoso.com");
		assertThat(explanation.details().get(2)).isEqualTo("No additional gMSAs are available inside the container.");
		assertThat(explanation.details().get(3)).contains("computer account", "no plug-in");
	}

	@Test
	void keyVaultSpecSaysWhichSecretIsReadByWhichIdentity() {
		Explanation explanation = this.explainer.explain(this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				AzureKeyVaultPlugin.of("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
						"https://contoso-kv.vault.azure.net/secrets/gmsa-webapp01")));

		assertThat(explanation.summary()).endsWith("not domain-joined, through the Azure Key Vault plug-in (AKS).");
		assertThat(explanation.details().get(3)).contains("{CCC2A336-D7F3-4818-A213-272B7924213E}",
				"https://contoso-kv.vault.azure.net/secrets/gmsa-webapp01", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
	}

	@Test
	void awsAndKubernetesSecretSpecsNameTheirSecrets() {
		Explanation aws = this.explainer.explain(this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				new AwsPlugin("arn:aws:ssm:us-east-1:123456789012:parameter/gmsa/webapp01")));
		Explanation k8s = this.explainer.explain(this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				new KubernetesSecretPlugin("gmsa-system", "webapp01-identity")));

		assertThat(aws.details().get(3)).contains("SSM parameter arn:aws:ssm:us-east-1:123456789012:parameter/gmsa/webapp01");
		assertThat(k8s.details().get(3)).contains("Secret webapp01-identity in namespace gmsa-system");
	}

	@Test
	void customPluginInputIsNotShownBecauseItMayHoldAPassword() {
		Explanation explanation = this.explainer.explain(this.generator.generate(Facts.CONTOSO, "webapp01", List.of(),
				CustomPlugin.of("{8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}", "contoso.com:gmsauser:Tr0ub4dor&3")));

		assertThat(explanation.summary()).contains("custom plug-in {8019A64C-3F4E-4DE3-AD2B-9A544290E2C3}");
		assertThat(String.join(" ", explanation.details()) + explanation.summary()).doesNotContain("Tr0ub4dor");
	}

	@Test
	void additionalAccountsAreListedWithTheirDomains() {
		Explanation explanation = this.explainer.explain(this.generator.generate(Facts.DEV_CONTOSO, "WebApp01",
				List.of(AdditionalAccount.inSameDomain("LogAgentSvc"), AdditionalAccount.inDomain("gMSA3", "contoso.com")),
				null));

		assertThat(explanation.details().get(2))
			.isEqualTo("Services inside the container may also run as LogAgentSvc (dev.contoso.com), gMSA3 (contoso.com).");
	}

	@Test
	void knownPluginWithBrokenInputIsExplainedWithoutFailing() {
		CredentialSpec spec = CredentialSpec.fromJson(TestFiles.read("azure-key-vault.json")
			.replace("ObjectId=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d;", ""));

		assertThat(this.explainer.explain(spec).details().get(3)).contains("not valid for that plug-in",
				"run the validator");
	}

}
