package org.gmsaportal.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redaction with the keys the portal's modules really put in event details: secrets go, facts about them stay.
 */
class RedactionTests {

	@Test
	void factsAboutPasswordsAndSecretsAreKeptAsTheyAre() {
		Map<String, Object> details = new LinkedHashMap<>();
		// directory: GmsaAccounts.details (the gMSA ensure) and PasswordRetrievalProof (the proof)
		details.put("msDS-ManagedPasswordInterval", 30);
		details.put("msDS-GroupMSAMembership", "O:BAD:(A;;0xf01ff;;;S-1-5-21-1-2-3-1105)");
		details.put("previousPasswordPresent", false);
		details.put("currentPasswordBytes", 256);
		details.put("blobVersion", 1);
		// cluster and API filings: names of things, not their content
		details.put("credentialSpecName", "webapp01");
		details.put("secretName", "webapp01-ccg");
		details.put("tokenExpiresAt", "2027-01-01T00:00:00Z");
		details.put("passwordWaiting", true);

		Map<String, Object> stored = Redaction.redact(details);

		assertThat(stored).containsEntry("msDS-ManagedPasswordInterval", 30)
			.containsEntry("previousPasswordPresent", false)
			.containsEntry("currentPasswordBytes", 256)
			.containsEntry("credentialSpecName", "webapp01")
			.containsEntry("secretName", "webapp01-ccg")
			.containsEntry("tokenExpiresAt", "2027-01-01T00:00:00Z")
			.containsEntry("passwordWaiting", true)
			.doesNotContainValue(Redaction.REDACTED);
	}

	@Test
	void secretsAreRedactedWhateverTheirCaseOrSeparators() {
		Map<String, Object> details = new LinkedHashMap<>();
		// AccountMaintenance records the password attribute it sets, never its value
		details.put("unicodePwd", "set (not recorded)");
		details.put("msDS-ManagedPassword", "blob");
		details.put("bindPassword", "hunter2");
		details.put("password", "hunter2");
		details.put("signingSecret", "whsec");
		details.put("client_secret", "s3cr3t");
		details.put("apiClientToken", "gp_abc");
		details.put("Authorization-Token", "Bearer x");
		details.put("privateKey", "-----BEGIN");
		details.put("API_KEY", "k");
		details.put("x-api-key", "k");
		details.put("kubeconfig", "apiVersion: v1");
		details.put("secretValue", "v");
		details.put("passwordData", "d");
		details.put("credentials", List.of("a", "b"));
		// a secret's noun anywhere in the key, whatever follows it (the review found these kept)
		details.put("privateKeyPem", "-----BEGIN");
		details.put("passwordBase64", "aHVudGVyMg==");
		details.put("newPassword2", "hunter2");
		details.put("tokenHeader", "Bearer x");
		details.put("kubeconfigYaml", "apiVersion: v1");

		assertThat(Redaction.redact(details)).allSatisfy((key, value) -> assertThat(value).as(key)
			.isEqualTo(Redaction.REDACTED));
	}

	@Test
	void nestedDetailsAreRedactedByTheSameRuleAndKeysAreSorted() {
		Map<String, Object> stored = Redaction.redact(Map.of("user", "svc-web", "nested",
				Map.of("clientSecret", "s3cr3t", "secretName", "web-ccg"), "list", List.of(Map.of("token", "t"))));

		assertThat(stored.keySet()).containsExactly("list", "nested", "user");
		assertThat(stored.get("nested")).isEqualTo(Map.of("clientSecret", Redaction.REDACTED, "secretName", "web-ccg"));
		assertThat(stored.get("list")).isEqualTo(List.of(Map.of("token", Redaction.REDACTED)));
	}

	@Test
	void wordsAreSplitAtCamelCaseAndSeparatorsOnly() {
		assertThat(Redaction.namesSecret("ticketKey")).as("a ticket's key is its number").isFalse();
		assertThat(Redaction.namesSecret("key")).isFalse();
		assertThat(Redaction.namesSecret("tokenGroups")).isFalse();
		assertThat(Redaction.namesSecret("PWD")).isTrue();
		assertThat(Redaction.namesSecret("")).isFalse();
	}

}
