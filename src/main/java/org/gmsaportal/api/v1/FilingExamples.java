package org.gmsaportal.api.v1;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.examples.Example;

/** Example bodies of the filing, as the OpenAPI document shows them; FilingSchemaTests files each. */
final class FilingExamples {

	static final Map<String, String> BODIES = new LinkedHashMap<>();

	static {
		BODIES.put("portableToCluster", """
				{"directory": "lab",
				 "account": {"name": "WebApp01", "servicePrincipalNames": ["HTTP/webapp01.lab.test"],
				             "encryptionTypes": ["AES256"]},
				 "hosts": {"mode": "portable", "portableUser": "WebApp01-ccg", "secretDelivery": "store",
				           "plugin": {"type": "kubernetesSecret", "input": "web:webapp01-ccg"}},
				 "cluster": {"connection": "prod", "namespace": "web", "serviceAccount": "webapp",
				             "credentialSpecName": "webapp01", "coreDns": true, "dnsForwardServers": ["10.0.0.10"]},
				 "ticket": {"system": "servicenow", "key": "RITM0012345", "url": "https://example.service-now.com/x"},
				 "callbackUrl": "https://hooks.example.com/gmsa"}""");
		// One example per destination of the portable identity (issue 13): each plug-in's store, and manual.
		BODIES.put("azureKeyVaultStore", """
				{"directory": "lab", "account": {"name": "WebApp05"},
				 "hosts": {"mode": "portable", "portableUser": "WebApp05-ccg", "secretDelivery": "store",
				           "plugin": {"type": "azureKeyVault", "input": "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;\
				SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-webapp05"}},
				 "cluster": {"connection": "aks-prod", "namespace": "web", "coreDns": true,
				             "dnsForwardServers": ["10.0.0.4"]}}""");
		BODIES.put("awsSecretsManagerStore", """
				{"directory": "lab", "account": {"name": "WebApp06"},
				 "hosts": {"mode": "portable", "portableUser": "WebApp06-ccg", "secretDelivery": "store",
				           "plugin": {"type": "aws", "input": "{\\"credentialArn\\":\\"\
				arn:aws:secretsmanager:eu-west-1:123456789012:secret:gmsa-webapp06\\"}"}},
				 "cluster": {"connection": "eks-prod", "namespace": "web"}}""");
		BODIES.put("awsSsmParameterStore", """
				{"directory": "lab", "account": {"name": "WebApp07"},
				 "hosts": {"mode": "portable", "portableUser": "WebApp07-ccg", "secretDelivery": "store",
				           "plugin": {"type": "aws", "input": "{\\"credentialArn\\":\\"\
				arn:aws:ssm:eu-west-1:123456789012:parameter/gmsa/webapp07\\"}"}},
				 "cluster": {"connection": "eks-prod", "namespace": "web"}}""");
		BODIES.put("aksHciSecretStore", """
				{"directory": "lab", "account": {"name": "WebApp09"},
				 "hosts": {"mode": "portable", "portableUser": "WebApp09-ccg", "secretDelivery": "store",
				           "plugin": {"type": "aksHciSecret", "guid": "{6f0c1c5e-3a5b-4e7d-9a41-2b8f0d3c7e19}",
				                      "input": "web:webapp09-ccg"}},
				 "cluster": {"connection": "aks-hci-prod", "platform": "aksHci", "namespace": "web"}}""");
		BODIES.put("manualKeyVault", """
				{"directory": "lab", "account": {"name": "WebApp08"},
				 "hosts": {"mode": "portable", "portableUser": "WebApp08-ccg", "secretDelivery": "manual",
				           "plugin": {"type": "azureKeyVault", "input": "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;\
				SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-webapp08"}},
				 "cluster": {"exportOnly": true}}""");
		BODIES.put("domainJoinedExportOnly", """
				{"directory": "lab", "account": {"name": "WebApp02"},
				 "hosts": {"mode": "domainJoined", "group": "WebApp02 Hosts", "groupScope": "global",
				           "members": ["NODE1$", "NODE2$"]},
				 "cluster": {"exportOnly": true, "namespace": "web"},
				 "ticket": {"system": "jira", "key": "OPS-42"}}""");
		BODIES.put("portableCustomPluginExportOnly", """
				{"directory": "lab", "account": {"name": "WebApp04", "dnsHostName": "webapp04.lab.test"},
				 "hosts": {"mode": "portable", "portableUser": "WebApp04-ccg",
				           "plugin": {"type": "custom", "guid": "{11111111-2222-3333-4444-555555555555}",
				                      "input": "vault:kv/gmsa/webapp04"}},
				 "cluster": {"exportOnly": true}}""");
		BODIES.put("minimal", """
				{"directory": "lab", "account": {"name": "WebApp03"}, "hosts": {"mode": "domainJoined"}}""");
	}

	private FilingExamples() {
	}

	static Map<String, Example> examples() {
		Map<String, Example> examples = new LinkedHashMap<>();
		BODIES.forEach((name, body) -> {
			try {
				examples.put(name, new Example().value(Json.mapper().readTree(body)));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("example " + name + " is not JSON", ex);
			}
		});
		return examples;
	}

}
