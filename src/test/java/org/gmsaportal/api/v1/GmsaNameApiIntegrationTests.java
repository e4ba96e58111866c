package org.gmsaportal.api.v1;

import java.util.UUID;

import org.gmsaportal.directory.AccountMaintenance;
import org.gmsaportal.directory.DirectoryConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gMSA name's one rule against the Samba lab DC: a name the directory would refuse ('.' or '_') is the
 * client's mistake, answered 400 on {@code account.name} whether or not a DNS host name was sent (a 503 tells
 * ticketing systems to retry, which they would do forever); a name with the one punctuation AD's computer-name
 * rule allows, an inner hyphen, is filed, approved and created in the directory.
 */
class GmsaNameApiIntegrationTests extends ApiLabSupport {

	private static final String BODY = """
			{ "directory": "lab",
			  "account": { "name": "%s"%s },
			  "hosts": { "mode": "domainJoined", "members": [] },
			  "cluster": { "exportOnly": true, "namespace": "apps" } }
			""";

	@Autowired
	AccountMaintenance accounts;

	@ParameterizedTest
	@ValueSource(strings = { "Rel.Edge", "Rel_Edge", "Rel..Edge", "Rel.Edge$", "-RelEdge", "RelEdge-" })
	void aNameTheDirectoryWouldRefuseIsA400OnTheNameAndNeverA503(String name) throws Exception {
		for (String dns : new String[] { "", ", \"dnsHostName\": \"reledge.lab.test\"" }) {
			ApiHttp.Answer refused = this.http.post("/api/v1/provisioning-requests", this.filer.token(),
					"k-" + UUID.randomUUID(), BODY.formatted(name, dns));
			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			JsonNode error = refused.json().get("errors").get(0);
			assertThat(error.get("field").asString()).as(refused.body()).isEqualTo("account.name");
			assertThat(error.get("rule").asString()).contains("letters, digits or hyphens");
		}
	}

	@Test
	void aNameWithAnInnerHyphenIsCreatedInTheDirectory() throws Exception {
		String name = "Rel-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		ApiHttp.Answer filed = this.http.post("/api/v1/provisioning-requests", this.filer.token(), "k-" + name,
				BODY.formatted(name, ""));
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		String self = "/api/v1/provisioning-requests/" + filed.json().get("id").asString();
		ApiHttp.Answer approved = this.http.post(self + "/approval", this.approver.token(), null, null);
		assertThat(approved.status()).as(approved.body()).isEqualTo(200);

		awaitStatus(self, this.filer.token(), "SUCCEEDED");
		DirectoryConnection lab = this.connections.find("lab").orElseThrow();
		assertThat(this.accounts.find(lab, "gMSA", name)).isPresent();
	}

}
