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
				 "hosts": {"mode": "portable", "portableUser": "WebApp01-ccg",
				           "plugin": {"type": "kubernetesSecret", "input": "web:webapp01-ccg"}},
				 "cluster": {"connection": "prod", "namespace": "web", "serviceAccount": "webapp",
				             "credentialSpecName": "webapp01", "coreDns": true, "dnsForwardServers": ["10.0.0.10"]},
				 "ticket": {"system": "servicenow", "key": "RITM0012345", "url": "https://example.service-now.com/x"},
				 "callbackUrl": "https://hooks.example.com/gmsa"}""");
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
