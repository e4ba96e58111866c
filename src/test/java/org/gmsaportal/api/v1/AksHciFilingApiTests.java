package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.gmsaportal.credspec.KnownPlugin;
import org.gmsaportal.credspec.PluginPreset;
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
 * Filing a portable request for AKS on Azure Local (issue 13): plug-in type {@code aksHciSecret} with the CLSID the
 * admin's nodes register in {@code hosts.plugin.guid}, since Microsoft does not publish it. The request keeps the
 * preset, so the engine reads the Secret's {@code domain}/{@code username}/{@code password} format; a missing or
 * wrong CLSID is a 400 naming {@code hosts.plugin.guid} and the rule. The directory is the test double
 * {@code FakeDirectory}, as in {@link SecretDeliveryApiTests} (same context): what is tested is the API's reading.
 */
class AksHciFilingApiTests extends StoreFilingSupport {

	private static final String CLSID = "{6f0c1c5e-3a5b-4e7d-9a41-2b8f0d3c7e19}";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	ProvisioningRequests requests;

	@Autowired
	JsonMapper json;

	@Test
	void anAksHciFilingKeepsThePresetAndTheAdminsClsid() throws Exception {
		MockHttpServletResponse filed = file(body("\"guid\":\"" + CLSID + "\",", "web:web-ccg", "manual"));

		assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
		JsonNode request = this.json.readTree(filed.getContentAsString());
		Hosts.Portable hosts = (Hosts.Portable) this.requests.find(request.get("id").asString()).orElseThrow()
			.request().hosts();
		assertThat(hosts.plugin()).isEqualTo(PluginPreset.AKS_HCI_SECRET);
		assertThat(hosts.pluginGuid()).isEqualTo(CLSID);
		assertThat(hosts.secretDelivery()).isEqualTo(SecretDelivery.MANUAL);
		JsonNode identity = request.get("plan").get("portableIdentity");
		assertThat(identity.get("destination").asString()).isEqualTo("Kubernetes Secret web-ccg in namespace web");
		// The Secret's keys are the AKS-HCI document's, not Rancher's username/password/domainName.
		assertThat(identity.get("command").asString()).contains("--from-literal=domain=")
			.contains("<password>");
	}

	static Stream<Arguments> badFilings() {
		return Stream.of(
				Arguments.of(body("", "web:web-ccg", "manual"), "hosts.plugin.guid", "required"),
				Arguments.of(body("\"guid\":\"not-a-clsid\",", "web:web-ccg", "manual"), "hosts.plugin.guid",
						"must be the CLSID your AKS-HCI nodes register"),
				Arguments.of(body("\"guid\":\"" + KnownPlugin.AWS.clsid() + "\",", "web:web-ccg", "manual"),
						"hosts.plugin.guid", "is the CLSID of the AWS plug-in"),
				Arguments.of(body("\"guid\":\"" + CLSID + "\",", "web-ccg", "manual"), "hosts.plugin.input",
						"must be"),
				Arguments.of(body("\"guid\":\"" + CLSID + "\",", "web:web-ccg", "manual")
					.replace("aksHciSecret", "kubernetesSecret"), "hosts.plugin.guid",
						"only with type aksHciSecret or custom"),
				Arguments.of(body("", "web:web-ccg", "manual").replace("aksHciSecret", "aksHci"),
						"hosts.plugin.type", "enum: azureKeyVault, aws, kubernetesSecret, aksHciSecret or custom"));
	}

	@ParameterizedTest(name = "[{index}] -> 400 {1}: {2}")
	@MethodSource("badFilings")
	void aBadAksHciFilingIsA400NamingTheFieldAndTheRule(String body, String field, String rule) throws Exception {
		MockHttpServletResponse response = file(body);

		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
		JsonNode error = this.json.readTree(response.getContentAsString()).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo(field);
		assertThat(error.get("rule").asString()).startsWith(rule);
		assertThat(response.getContentAsString()).doesNotContain("Exception");
	}

	private static String body(String guid, String input, String delivery) {
		return "{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"portable\","
				+ "\"portableUser\":\"web-ccg\",\"secretDelivery\":\"" + delivery + "\",\"plugin\":{\"type\":"
				+ "\"aksHciSecret\"," + guid + "\"input\":\"" + input + "\"}},"
				+ "\"cluster\":{\"exportOnly\":true,\"namespace\":\"web\",\"platform\":\"aksHci\"}}";
	}

	private MockHttpServletResponse file(String body) throws Exception {
		String token = this.clients.create("hci-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of()).token();
		return this.mvc.perform(post("/api/v1/provisioning-requests").header("Idempotency-Key",
				UUID.randomUUID().toString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse();
	}

}
