package org.gmsaportal.api.v1;

import java.util.UUID;

import org.gmsaportal.directory.LabOus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OUs in an API filing against the Samba lab DC: an OU that does not exist is a 400 naming the placement field
 * and the DN, and nothing is filed; an existing one is where the plan puts the object, with its full DN and
 * the description naming the ticket. The OU is created over LDAP by the test.
 */
class PlacementApiIntegrationTests extends ApiLabSupport {

	private static final String BODY = """
			{ "directory": "lab",
			  "account": { "name": "%1$s" },
			  "hosts": { "mode": "domainJoined", "members": [] },
			  "cluster": { "exportOnly": true, "namespace": "apps" },
			  "ticket": { "key": "RITM0505" },
			  "placement": { "gmsaOu": "%2$s" } }
			""";

	@Test
	void aFilingWhoseOuDoesNotExistIsRefusedOnItsFieldAndOneThatExistsIsPlannedThere() throws Exception {
		String name = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		String ou = LabOus.create("OU=Api" + name + "," + LabOus.baseDn());
		String missing = "OU=Missing," + ou;

		ApiHttp.Answer refused = this.http.post("/api/v1/provisioning-requests", this.filer.token(), "k1-" + name,
				BODY.formatted(name, missing));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		JsonNode error = refused.json().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("placement.gmsaOu");
		assertThat(error.get("rule").asString()).contains(missing, "does not exist");

		ApiHttp.Answer filed = this.http.post("/api/v1/provisioning-requests", this.filer.token(), "k2-" + name,
				BODY.formatted(name, ou));
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		assertThat(filed.json().get("plan").get("steps").findValuesAsString("description"))
			.anyMatch(d -> d.contains("Create gMSA CN=" + name + "," + ou)
					&& d.contains("Created by gMSA Portal run <run id> for ticket RITM0505"));
	}

}
