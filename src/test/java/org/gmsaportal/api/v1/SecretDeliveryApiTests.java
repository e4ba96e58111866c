package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.ProvisioningRequests;
import org.gmsaportal.provisioning.SecretDelivery;
import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Filing a portable request with each destination of its identity (issue 13 items 2 and 6): the request keeps
 * who stores it ({@code store} unless the filing says {@code manual}), and its JSON shows the store, the store's
 * command with the password elided and the platform's commands. Bad values name {@code hosts.secretDelivery}. The
 * directory is the test double {@code FakeDirectory}, as in {@link ProvisioningRequestInputTests}: what is tested is
 * the API's reading and showing, not the directory; every target is export only.
 */
class SecretDeliveryApiTests extends StoreFilingSupport {

	private static final String KV = "ObjectId=5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d;"
			+ "SecretUri=https://contoso-kv.vault.azure.net/secrets/gmsa-web";

	private static final String SM = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gmsa-web";

	private static final String SSM = "arn:aws:ssm:eu-west-1:123456789012:parameter/gmsa/web";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningRequests requests;

	@Autowired
	JsonMapper json;

	static Stream<Arguments> destinations() {
		return Stream.of(
				Arguments.of("azureKeyVault", KV, "\"store\"", SecretDelivery.STORE,
						"az keyvault secret set --vault-name contoso-kv --name gmsa-web --value 'contoso.com\\"),
				Arguments.of("aws", "{\"credentialArn\":\"" + SM + "\"}", "\"store\"", SecretDelivery.STORE,
						"aws secretsmanager put-secret-value --region eu-west-1 --secret-id " + SM),
				// The portal writes no SSM parameter, and a Kubernetes Secret only to a cluster it applies to: these
				// targets export, so a person stores those.
				Arguments.of("aws", "{\"credentialArn\":\"" + SSM + "\"}", "\"manual\"", SecretDelivery.MANUAL,
						"aws ssm put-parameter --region eu-west-1 --name /gmsa/web --type SecureString --overwrite"),
				Arguments.of("kubernetesSecret", "web:web-ccg", "\"manual\"", SecretDelivery.MANUAL,
						"kubectl -n web create secret generic web-ccg --from-literal=username="),
				Arguments.of("azureKeyVault", KV, "\"manual\"", SecretDelivery.MANUAL, "az keyvault secret set"),
				// left out: the portal writes the store
				Arguments.of("azureKeyVault", KV, null, SecretDelivery.STORE, "az keyvault secret set"));
	}

	@ParameterizedTest(name = "[{index}] {0} {2}")
	@MethodSource("destinations")
	void aPortableFilingKeepsItsDestinationAndShowsTheStoresCommand(String type, String input,
			String delivery, SecretDelivery kept, String command) throws Exception {
		String name = "sd" + UUID.randomUUID().toString().substring(0, 8);
		MockHttpServletResponse filed = file(body(name, type, input, delivery));
		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		JsonNode request = this.json.readTree(filed.getContentAsString());
		Hosts.Portable hosts = (Hosts.Portable) this.requests.find(request.get("id").asString()).orElseThrow()
			.request().hosts();
		assertThat(hosts.delivery()).isEqualTo(kept);
		JsonNode identity = request.get("plan").get("portableIdentity");
		assertThat(identity.get("secretDelivery").asString()).isEqualTo(kept.name().toLowerCase());
		assertThat(identity.get("destination").asString()).isNotBlank();
		assertThat(identity.get("command").asString()).startsWith(command).contains("<password>");
		// Every step shows the command it replaces.
		assertThat(request.get("plan").get("steps")).allSatisfy((s) -> assertThat(s.get("command").asString())
			.isNotBlank());
		if (type.equals("azureKeyVault")) {
			assertThat(identity.get("platformCommands").findValuesAsString("command"))
				.anySatisfy((c) -> assertThat(c).startsWith("az aks update")
					.contains("--gmsa-root-domain-name contoso.com"))
				.anySatisfy((c) -> assertThat(c).isEqualTo("az keyvault set-policy --name contoso-kv --object-id "
						+ "5d1b6a3c-0e2f-4b7a-9c8d-1e2f3a4b5c6d --secret-permissions get"));
		}
		if (type.equals("aws")) {
			assertThat(identity.get("platformCommands").findValuesAsString("command"))
				.anySatisfy((c) -> assertThat(c).contains(input.contains(":ssm:") ? "ssm:GetParameter"
						: "secretsmanager:GetSecretValue"));
		}
	}

	static Stream<Arguments> badDeliveries() {
		return Stream.of(
				Arguments.of(body("Web01", "azureKeyVault", KV, "\"later\""), "enum: store or manual"),
				Arguments.of(body("Web01", "azureKeyVault", KV, "true"), "type"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":"
						+ "\"domainJoined\",\"secretDelivery\":\"store\"}}", "only with mode portable"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"portable\","
						+ "\"portableUser\":\"ccg\",\"secretDelivery\":\"store\",\"plugin\":{\"type\":\"custom\","
						+ "\"guid\":\"{11111111-2222-3333-4444-555555555555}\",\"input\":\"x\"}}}",
						"store only with plugin type azureKeyVault, aws, kubernetesSecret or aksHciSecret"));
	}

	@ParameterizedTest(name = "[{index}] -> 400 {1}")
	@MethodSource("badDeliveries")
	void aBadDeliveryIsA400NamingTheFieldAndTheRule(String body, String rule) throws Exception {
		MockHttpServletResponse response = file(body);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
		JsonNode error = this.json.readTree(response.getContentAsString()).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("hosts.secretDelivery");
		assertThat(error.get("rule").asString()).startsWith(rule);
	}

	@Test
	void aCustomPluginIsDeliveredByHandWhenTheFilingDoesNotSay() {
		Filing filing = FilingReader.read(this.json.readTree("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},"
				+ "\"hosts\":{\"mode\":\"portable\",\"portableUser\":\"ccg\",\"plugin\":{\"type\":\"custom\","
				+ "\"guid\":\"{11111111-2222-3333-4444-555555555555}\",\"input\":\"x\"}}}"));
		assertThat(((Hosts.Portable) filing.hosts()).delivery()).isEqualTo(SecretDelivery.MANUAL);
	}

	private static String body(String name, String type, String input, String delivery) {
		return "{\"directory\":\"lab\",\"account\":{\"name\":\"" + name + "\"},\"hosts\":{\"mode\":\"portable\","
				+ "\"portableUser\":\"" + name.substring(0, Math.min(name.length(), 10)) + "-ccg\","
				+ ((delivery != null) ? "\"secretDelivery\":" + delivery + "," : "")
				+ "\"plugin\":{\"type\":\"" + type + "\",\"input\":" + JsonMapper.shared().writeValueAsString(input)
				+ "}},\"cluster\":{\"exportOnly\":true,\"namespace\":\"web\"}}";
	}

	private MockHttpServletResponse file(String body) throws Exception {
		String token = this.clients.create("sd-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null, List.of())
			.token();
		return this.mvc.perform(post("/api/v1/provisioning-requests").header("Idempotency-Key",
				UUID.randomUUID().toString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse();
	}

}
