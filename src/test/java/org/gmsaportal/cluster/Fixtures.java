package org.gmsaportal.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Sample inputs shared by the cluster tests, shaped like the seeds' AKS Arc and AKS walkthroughs.
 */
final class Fixtures {

	static final String PASSWORD = "Pw-Never-Log-Me-7731!";

	private Fixtures() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> credSpec() {
		return Serialization.unmarshal(resource("credspec-webapp01.json"), Map.class);
	}

	static GmsaDeployment deployment(String runId) {
		return new GmsaDeployment(runId, "gmsa-webapp01", credSpec(), "app-ns", "webapp-sa",
				new GmsaDeployment.IdentitySecret("webapp01-identity",
						Map.of("username", "ccg-reader", "password", PASSWORD, "domainName", "contoso.com")),
				new GmsaDeployment.DnsForward("contoso.com", List.of("10.0.0.4", "10.0.0.5")),
				new GmsaDeployment.SampleWorkload("gmsa-demo",
						"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"));
	}

	static String resource(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("missing test resource " + name, ex);
		}
	}

}
