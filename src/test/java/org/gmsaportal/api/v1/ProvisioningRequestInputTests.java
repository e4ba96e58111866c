package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.gmsaportal.security.ApiClients;
import org.gmsaportal.security.ApiScope;
import org.gmsaportal.support.FakeDirectoryConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Bad input to {@code POST /api/v1/provisioning-requests}: a corpus of malformed and hostile bodies and
 * refused callback URLs, each a 400 problem naming the field and the rule, never a 500, nothing stored. The
 * directory is the test double {@code FakeDirectory} (no lab DC here).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(FakeDirectoryConfig.class)
class ProvisioningRequestInputTests {

	private static final String HOSTS = "\"hosts\":{\"mode\":\"domainJoined\"}";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	static String valid(String account) {
		return "{\"directory\":\"lab\",\"account\":" + account + "," + HOSTS + "}";
	}

	static Stream<Arguments> corpus() {
		// under the 64 KiB body limit (a larger body is refused before it is read: BodyLimitTests)
		String big = "a".repeat(60 * 1024);
		return Stream.of(Arguments.of("{", "body"), Arguments.of("[]", "body"), Arguments.of("null", "body"),
				Arguments.of("\"text\"", "body"), Arguments.of("42", "body"), Arguments.of("{}", "directory"),
				Arguments.of("{\"directory\":null,\"account\":null,\"hosts\":null}", "directory"),
				Arguments.of("{\"directory\":\"lab\"," + HOSTS + "}", "account"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}}", "hosts"),
				Arguments.of("{\"directory\":5,\"account\":{\"name\":\"Web01\"}," + HOSTS + "}", "directory"),
				Arguments.of("{\"directory\":true,\"account\":{\"name\":\"Web01\"}," + HOSTS + "}", "directory"),
				Arguments.of("{\"directory\":\"lab\",\"account\":\"Web01\"," + HOSTS + "}", "account"),
				Arguments.of(valid("{\"name\":null}"), "account.name"), Arguments.of(valid("{\"name\":7}"), "account.name"),
				Arguments.of(valid("{\"name\":\"\"}"), "account.name"),
				Arguments.of(valid("{\"name\":\"x'; DROP TABLE api_request;--\"}"), "account.name"),
				Arguments.of(valid("{\"name\":\"<script>\"}"), "account.name"),
				Arguments.of(valid("{\"name\":\"$(rm -rf /)\"}"), "account.name"),
				Arguments.of(valid("{\"name\":\"12345\"}"), "account.name"),
				Arguments.of(valid("{\"name\":\"" + big + "\"}"), "account.name"),
				Arguments.of(valid("{\"name\":\"Web01\",\"encryptionTypes\":[\"DES\"]}"), "account.encryptionTypes[0]"),
				Arguments.of(valid("{\"name\":\"Web01\",\"encryptionTypes\":\"AES256\"}"), "account.encryptionTypes"),
				Arguments.of(valid("{\"name\":\"Web01\",\"encryptionTypes\":[1]}"), "account.encryptionTypes[0]"),
				Arguments.of(valid("{\"name\":\"Web01\",\"servicePrincipalNames\":[\"not an spn\"]}"),
						"account.servicePrincipalNames[0]"),
				Arguments.of(valid("{\"name\":\"Web01\",\"servicePrincipalNames\":[null]}"),
						"account.servicePrincipalNames[0]"),
				Arguments.of(valid("{\"name\":\"Web01\",\"dnsHostName\":\"web01\"}"), "account.dnsHostName"),
				Arguments.of(valid("{\"name\":\"Web01\",\"dnsHostName\":\"a\\u0000b.com\"}"), "account.dnsHostName"),
				Arguments.of(valid("{\"name\":\"Web01\",\"additionalAccounts\":[\"Web01\"]}"),
						"account.additionalAccounts[0]"),
				Arguments.of(valid("{\"name\":\"Web01\",\"additionalAccounts\":[\"Log.01\"]}"),
						"account.additionalAccounts[0]"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"cluster\":{\"exportOnly\":true,\"platform\":\"openshift\"}}", "cluster.platform"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"docker\":{},\"cluster\":{\"exportOnly\":true}}", "cluster"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"docker\":{\"image\":\"Not An Image\"}}", "docker.image"),
				Arguments.of(valid("{\"name\":\"Web01\",\"isAdmin\":true}"), "account.isAdmin"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"everyone\"}}",
						"hosts.mode"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":1}}", "hosts.mode"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"domainJoined\","
						+ "\"members\":[\"NODE1\"]}}", "hosts.members[0]"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"portable\"}}",
						"hosts.portableUser"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"portable\","
						+ "\"portableUser\":\"ccg\"}}", "hosts.plugin"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"portable\","
						+ "\"portableUser\":\"ccg\",\"plugin\":{\"type\":\"vault9\",\"input\":\"x\"}}}", "hosts.plugin.type"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},\"hosts\":{\"mode\":\"portable\","
						+ "\"portableUser\":\"ccg\",\"plugin\":{\"type\":\"custom\",\"guid\":\"{00000000-0000-0000-0000-000000000001}\","
						+ "\"input\":\"x\"}}}", "hosts.plugin.type"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"cluster\":{\"namespace\":\"web\"}}", "cluster.connection"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"cluster\":{\"exportOnly\":\"yes\"}}", "cluster.exportOnly"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"cluster\":{\"exportOnly\":true,\"namespace\":\"Bad Namespace\"}}", "cluster.namespace"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"ticket\":{\"key\":\"RITM 1; DROP\"}}", "ticket.key"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"ticket\":{\"url\":\"javascript:alert(1)\"}}", "ticket.url"),
				Arguments.of("{\"directory\":\"../../etc/passwd\",\"account\":{\"name\":\"Web01\"}," + HOSTS + "}",
						"directory"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"placement\":{\"groupOu\":\"Groups\"}}", "placement.groupOu"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"placement\":{\"gmsaOu\":\"OU=gMSAs,DC=lab,DC=test,\"}}", "placement.gmsaOu"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"placement\":{\"site\":\"x\"}}", "placement.site"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS + ",\"__proto__\":{}}", "__proto__"),
				// issue 17, item 8: a key twice in one object is refused, not "last wins"
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},"
						+ "\"account\":{\"name\":\"Evil01\"}," + HOSTS + "}", "account"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},"
						+ "\"hosts\":{\"mode\":\"domainJoined\",\"mode\":\"portable\"}}", "hosts.mode"),
				Arguments.of("{\"directory\":\"lab\",\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"},"
						+ HOSTS + "}", "directory"),
				// bidirectional control characters (Trojan Source) in names and texts
				Arguments.of(valid("{\"name\":\"Web\\u202e10\"}"), "account.name"),
				Arguments.of(valid("{\"name\":\"Web01\",\"servicePrincipalNames\":[\"HTTP/web01\\u2066.lab.test\"]}"),
						"account.servicePrincipalNames[0]"),
				Arguments.of("{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
						+ ",\"ticket\":{\"key\":\"RITM\\u200f0001\"}}", "ticket.key"),
				// CoreDNS forwards to IP addresses only
				Arguments.of(cluster("\"dc1.lab.test\""), "cluster.dnsForwardServers[0]"),
				Arguments.of(cluster("\"10.0.0.10\",\"10.0.0.999\""), "cluster.dnsForwardServers[1]"),
				Arguments.of(cluster("\"aa\""), "cluster.dnsForwardServers[0]"),
				Arguments.of(cluster("\"fe80::1::2\""), "cluster.dnsForwardServers[0]"));
	}

	private static String cluster(String servers) {
		return "{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS
				+ ",\"cluster\":{\"connection\":\"c1\",\"coreDns\":true,\"dnsForwardServers\":[" + servers + "]}}";
	}

	@ParameterizedTest(name = "[{index}] -> 400 on {1}")
	@MethodSource("corpus")
	void malformedAndHostileBodiesAreProblemDetailsAndStoreNothing(String body, String field) throws Exception {
		assertRefused(body, field, List.of());
	}

	@ParameterizedTest(name = "callback {0} is refused")
	@ValueSource(strings = { "http://hooks.example.com/x", "https://127.0.0.1/x", "https://10.0.0.1/x",
			"https://169.254.169.254/latest/meta-data", "https://evil.example.net/x", "https://[::1]/x",
			"https://user:pw@hooks.example.com/x", "not a url" })
	void internalOrUnlistedCallbackUrlsAreRefused(String url) throws Exception {
		String body = "{\"directory\":\"lab\",\"account\":{\"name\":\"Web01\"}," + HOSTS + ",\"callbackUrl\":\"" + url
				+ "\"}";
		assertRefused(body, "callbackUrl", List.of("hooks.example.com", "127.0.0.1", "10.0.0.1", "169.254.169.254", "::1"));
	}

	@Test
	void anAllowListedPublicCallbackIsStored() throws Exception {
		String body = "{\"directory\":\"lab\",\"account\":{\"name\":\"Cb" + UUID.randomUUID().toString().substring(0, 6)
				+ "\"}," + HOSTS + ",\"callbackUrl\":\"https://93.184.215.14/hook\"}";
		assertThat(file(body, List.of("93.184.215.14")).getStatus()).isEqualTo(201);
	}

	@Test
	void theIdempotencyKeyIsRequiredAndChecked() throws Exception {
		String bearer = "Bearer " + this.clients.create("k-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of()).token();
		for (String key : new String[] { null, "", "has space", "x".repeat(129) }) {
			var request = post("/api/v1/provisioning-requests").contentType(MediaType.APPLICATION_JSON)
				.content(valid("{\"name\":\"Web01\"}")).header(HttpHeaders.AUTHORIZATION, bearer);
			if (key != null) {
				request.header("Idempotency-Key", key);
			}
			MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(response.getContentAsString()).contains("Idempotency-Key");
		}
	}

	@Test
	void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
		long before = count();
		MockHttpServletResponse response = file(valid("{\"name\":\"" + "a".repeat(1024 * 1024) + "\"}"), List.of());
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(count()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0} {1} -> 400 on {3}")
	@MethodSource("decisions")
	void decisionBodiesRefuseDuplicateKeysAndBidiControls(String decision, String body, String unused, String field)
			throws Exception {
		String token = this.clients.create("d-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_APPROVE), null, List.of())
			.token();
		MockHttpServletResponse response = this.mvc
			.perform(post("/api/v1/provisioning-requests/" + UUID.randomUUID() + "/" + decision)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn().getResponse();
		// refused for the body before the (unknown) request is looked up: 400, not 404
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
		JsonNode problem = this.json.readTree(response.getContentAsString());
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
		assertThat(response.getContentAsString()).doesNotContain("\u202e", "Exception");
	}

	static Stream<Arguments> decisions() {
		String hash = "0".repeat(64);
		return Stream.of(
				Arguments.of("approval", "{\"planHash\":\"" + hash + "\",\"planHash\":\"" + "1".repeat(64) + "\"}", "",
						"planHash"),
				Arguments.of("approval", "{\"planHash\":\"" + hash + "\",\"reason\":\"ok \\u202egnp.exe\"}", "",
						"reason"),
				Arguments.of("rejection", "{\"reason\":\"no\",\"reason\":\"yes\"}", "", "reason"),
				Arguments.of("rejection", "{\"reason\":\"looks fine \\u2067really\"}", "", "reason"),
				Arguments.of("rejection", "{\"reason\":\"mark \\u200e\"}", "", "reason"));
	}

	private void assertRefused(String body, String field, List<String> hosts) throws Exception {
		long before = count();
		MockHttpServletResponse response = file(body, hosts);
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		JsonNode problem = this.json.readTree(response.getContentAsString());
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
		assertThat(problem.get("errors").get(0).get("rule").asString()).isNotBlank();
		assertThat(response.getContentAsString()).doesNotContain("Exception", "DROP", "<script>");
		assertThat(count()).isEqualTo(before);
	}

	private MockHttpServletResponse file(String body, List<String> hosts) throws Exception {
		String token = this.clients.create("in-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null, hosts)
			.token();
		return this.mvc.perform(post("/api/v1/provisioning-requests").header("Idempotency-Key", UUID.randomUUID().toString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse();
	}

	private long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM api_request").query(Long.class).single();
	}

}
