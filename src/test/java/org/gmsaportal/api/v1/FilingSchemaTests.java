package org.gmsaportal.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Keeps the published JSON Schema of the filing body honest against {@link FilingReader}, which is what the
 * portal actually accepts. The corpus is the document's own examples plus bodies that use every documented
 * property; from each body, mutations remove every property, give it the wrong JSON type, an over-long or
 * other value, or one at and just over each length limit the schema names, and add unknown properties. For
 * every body: what the reader accepts validates against the schema (the schema is never stricter), and what
 * the reader refuses as missing, mistyped, too long, unknown or not in an enum the schema refuses too
 * (required fields, types, limits and enums agree).
 */
@SpringBootTest
@AutoConfigureMockMvc
class FilingSchemaTests {

	private static final List<String> MORE_BODIES = List.of("""
			{"directory": "lab",
			 "account": {"name": "Web05$", "dnsHostName": "web05.lab.test", "servicePrincipalNames": ["HTTP/web05"],
			             "additionalAccounts": [], "encryptionTypes": ["AES128_CTS_HMAC_SHA1_96", "RC4", "AES256"]},
			 "hosts": {"mode": "portable", "group": "Web05-hosts", "portableUser": "Web05-ccg",
			           "plugin": {"type": "aws", "input": "arn:aws:secretsmanager:eu-west-1:1:secret:gmsa"}},
			 "cluster": {"exportOnly": false, "connection": "prod", "namespace": "web", "coreDns": false,
			             "sampleWorkload": true, "sampleImage": "registry.example.com/iis:ltsc2022",
			             "workloads": [{"kind": "Deployment", "name": "web", "serviceAccount": true},
			                           {"kind": "CronJob", "name": "nightly-report"}]},
			 "ticket": {"system": "servicenow", "key": "RITM0012345", "url": "https://sn.example.com/x"},
			 "callbackUrl": "https://hooks.example.com/x",
			 "placement": {"groupOu": "OU=Groups,OU=Web,DC=lab,DC=test", "gmsaOu": "OU=gMSAs,OU=Web,DC=lab,DC=test",
			               "userOu": "OU=Portable Users,OU=Web,DC=lab,DC=test"}}""", """
			{"directory": "lab", "account": {"name": "Web06"},
			 "hosts": {"mode": "portable", "portableUser": "Web06-ccg",
			           "plugin": {"type": "azureKeyVault", "input": "https://kv.vault.azure.net/secrets/gmsa"}}}""",
			// the shape the API tests file
			"""
			{ "directory": "lab", "account": { "name": "api1234", "encryptionTypes": ["AES256"] },
			  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
			  "cluster": { "exportOnly": true, "namespace": "web" },
			  "ticket": { "system": "servicenow", "key": "RITM0012345", "url": "https://sn.example.com/x" } }""", """
			{ "directory": "lab", "account": { "name": "api1235", "additionalAccounts": ["LogAgent01"] },
			  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
			  "docker": { "image": "mcr.microsoft.com/windows/servercore:ltsc2022" } }""", """
			{ "directory": "lab", "account": { "name": "api1236" }, "hosts": { "mode": "domainJoined" },
			  "cluster": { "connection": "prod", "platform": "aksHci" } }""");

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	JsonNode document;

	Schema filing;

	@BeforeEach
	void loadTheSchemaFromThePublishedDocument() throws Exception {
		String body = this.mvc.perform(get("/v3/api-docs").with(user("docs").roles("AUDITOR"))).andReturn().getResponse()
			.getContentAsString();
		this.document = this.json.readTree(body);
		// $ref resolves against this wrapper, which carries the document's components like the document does
		ObjectNode wrapper = this.json.createObjectNode();
		wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		wrapper.put("$ref", "#/components/schemas/" + FilingSchema.FILING);
		wrapper.set("components", this.document.get("components"));
		this.filing = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(this.json.writeValueAsString(wrapper), InputFormat.JSON);
	}

	@Test
	void theDocumentPublishesTheExamplesAndEachIsAcceptedAndValid() {
		JsonNode examples = this.document.at("/paths/~1api~1v1~1provisioning-requests/post/requestBody/content/"
				+ "application~1json/examples");
		assertThat(examples.propertyNames()).containsExactlyElementsOf(FilingExamples.BODIES.keySet());
		FilingExamples.BODIES.forEach((name, body) -> {
			assertThat(examples.get(name).get("value")).isEqualTo(this.json.readTree(body));
			assertThat(reader(this.json.readTree(body))).as(name).isNull();
			assertThat(errors(this.json.readTree(body))).as(name).isEmpty();
		});
	}

	@Test
	void theCorpusUsesEveryDocumentedProperty() {
		Set<String> documented = new TreeSet<>();
		this.document.get("components").get("schemas").properties().stream()
			.filter(entry -> entry.getKey().startsWith("Filing") || entry.getKey().endsWith("Hosts")
					|| entry.getKey().endsWith("HostPlugin") || entry.getKey().equals("ClusterDeployment")
					|| entry.getKey().equals("ExportOnly") || entry.getKey().equals(FilingSchema.FILING))
			.forEach(entry -> {
				if (entry.getValue().has("properties")) {
					documented.addAll(entry.getValue().get("properties").propertyNames());
				}
			});
		Set<String> used = new TreeSet<>();
		corpus().forEach(body -> collectNames(body, used));
		assertThat(documented).hasSizeGreaterThan(25);
		assertThat(used).containsAll(documented);
	}

	@Test
	void theSchemaAndTheReaderAgreeOnEveryMutation() {
		int structural = 0;
		int accepted = 0;
		for (JsonNode body : corpus()) {
			assertThat(reader(body)).as("%s", body).isNull();
			assertThat(errors(body)).as("%s", body).isEmpty();
			for (Mutation mutation : mutations(body)) {
				ApiInputException refused = reader(mutation.body());
				List<Error> errors = errors(mutation.body());
				if (refused == null) {
					accepted++;
					assertThat(errors).as("the reader accepts %s but the schema refuses it", mutation).isEmpty();
				}
				else if (structural(refused.rule())) {
					structural++;
					assertThat(errors).as("the reader refuses %s (%s: %s) but the schema accepts it", mutation,
							refused.field(), refused.rule()).isNotEmpty();
				}
			}
		}
		assertThat(structural).as("mutations refused for a structural rule").isGreaterThan(200);
		assertThat(accepted).as("mutations both accept, e.g. optional fields left out").isGreaterThan(30);
	}

	@Test
	void theApprovalBodyIsDescribed() {
		JsonNode approval = this.document.get("components").get("schemas").get(FilingSchema.APPROVAL);
		assertThat(approval.get("properties").propertyNames()).containsExactlyInAnyOrder("planHash", "reason");
		assertThat(approval.get("additionalProperties").asBoolean()).isFalse();
	}

	private List<JsonNode> corpus() {
		List<JsonNode> corpus = new ArrayList<>();
		FilingExamples.BODIES.values().forEach(body -> corpus.add(this.json.readTree(body)));
		MORE_BODIES.forEach(body -> corpus.add(this.json.readTree(body)));
		return corpus;
	}

	private static boolean structural(String rule) {
		return rule.equals("type") || rule.equals("unknown") || rule.equals("size") || rule.startsWith("required")
				|| rule.startsWith("enum");
	}

	private @Nullable ApiInputException reader(JsonNode body) {
		try {
			FilingReader.read(body);
			return null;
		}
		catch (ApiInputException ex) {
			return ex;
		}
	}

	private List<Error> errors(JsonNode body) {
		return this.filing.validate(body);
	}

	/** One changed copy of a corpus body. */
	record Mutation(String what, JsonNode body) {

		@Override
		public String toString() {
			return this.what + " in " + this.body;
		}

	}

	/** Every property removed, mistyped, too long or unknown-valued, and an unknown property in every object. */
	private List<Mutation> mutations(JsonNode body) {
		List<Mutation> mutations = new ArrayList<>();
		Set<Integer> limits = new TreeSet<>(this.document.get("components").findValues("maxLength").stream()
			.map(JsonNode::asInt).toList());
		walk(body, "", (path) -> {
			JsonNode node = body.at(path.isEmpty() ? "" : path);
			if (node.isObject()) {
				mutations.add(change(body, path, "unknown property at " + path, n -> ((ObjectNode) n).put("zz", 1)));
			}
			if (path.isEmpty()) {
				return;
			}
			int slash = path.lastIndexOf('/');
			String parent = path.substring(0, slash);
			String key = path.substring(slash + 1);
			boolean inArray = body.at(parent).isArray();
			if (!inArray) {
				mutations.add(change(body, parent, "without " + path, n -> ((ObjectNode) n).remove(key)));
			}
			JsonNode wrong = node.isString() ? this.json.getNodeFactory().numberNode(7)
					: this.json.getNodeFactory().stringNode("x");
			mutations.add(change(body, parent, "wrong type at " + path, n -> set(n, key, wrong)));
			if (node.isString()) {
				JsonNode long5000 = this.json.getNodeFactory().stringNode("a".repeat(5000));
				mutations.add(change(body, parent, "too long at " + path, n -> set(n, key, long5000)));
				JsonNode other = this.json.getNodeFactory().stringNode("zz");
				mutations.add(change(body, parent, "other value at " + path, n -> set(n, key, other)));
				// at and just over every limit the schema names: the limits must be the reader's own
				for (int limit : limits) {
					for (int length : new int[] { limit, limit + 1 }) {
						JsonNode sized = this.json.getNodeFactory().stringNode("a".repeat(length));
						mutations.add(change(body, parent, length + " characters at " + path, n -> set(n, key, sized)));
					}
				}
			}
		});
		return mutations;
	}

	private static void walk(JsonNode node, String path, Consumer<String> visit) {
		visit.accept(path);
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				walk(entry.getValue(), path + "/" + entry.getKey(), visit);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(node.get(i), path + "/" + i, visit);
			}
		}
	}

	private static Mutation change(JsonNode body, String path, String what, Consumer<JsonNode> change) {
		JsonNode copy = body.deepCopy();
		change.accept(copy.at(path.isEmpty() ? "" : path));
		return new Mutation(what, copy);
	}

	private static void set(JsonNode parent, String key, JsonNode value) {
		if (parent instanceof ArrayNode array) {
			array.set(Integer.parseInt(key), value);
		}
		else {
			((ObjectNode) parent).set(key, value);
		}
	}

	private static void collectNames(JsonNode node, Set<String> names) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				names.add(entry.getKey());
				collectNames(entry.getValue(), names);
			}
		}
		else if (node.isArray()) {
			node.forEach(item -> collectNames(item, names));
		}
	}

}
