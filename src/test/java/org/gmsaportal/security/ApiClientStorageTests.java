package org.gmsaportal.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the database holds of an API client: the token only as its hash, the signing secret only
 * encrypted, and the audit events of its creation and revocation.
 */
@SpringBootTest
class ApiClientStorageTests {

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theTokenHasAPrefixAnd256RandomBitsAndIsStoredOnlyAsItsHash() {
		NewApiClient created = this.clients.create("hash-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null,
				List.of("hooks.example.com"));

		assertThat(created.token()).startsWith("gmsap_").hasSize(6 + 43);
		assertThat(ApiTokens.wellFormed(created.token())).isTrue();
		String row = row(created.client().id());
		assertThat(row).doesNotContain(created.token(), created.token().substring(6))
			.contains(ApiTokens.hash(created.token()));
		assertThat(created.toString()).doesNotContain(created.token(), created.signingSecret());
	}

	@Test
	void theSigningSecretIsStoredEncryptedAndCanBeRecoveredForSigning() {
		NewApiClient created = this.clients.create("secret-" + UUID.randomUUID(), Set.of(ApiScope.REQUESTS_WRITE), null,
				List.of());
		String id = created.client().id();

		assertThat(created.signingSecret()).startsWith("whsec_");
		assertThat(row(id)).doesNotContain(created.signingSecret(), created.signingSecret().substring(6));
		assertThat(this.clients.signingSecret(id)).contains(created.signingSecret());
	}

	@Test
	void aSecretCopiedOntoAnotherClientDoesNotDecrypt() {
		NewApiClient a = this.clients.create("copy-a-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of());
		NewApiClient b = this.clients.create("copy-b-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null, List.of());
		String sealed = this.jdbc.sql("SELECT signing_secret_enc FROM api_client WHERE id = ?")
			.param(a.client().id())
			.query(String.class)
			.single();
		this.jdbc.sql("UPDATE api_client SET signing_secret_enc = ? WHERE id = ?").params(sealed, b.client().id()).update();

		assertThatIllegalStateException().isThrownBy(() -> this.clients.signingSecret(b.client().id()))
			.withMessageNotContaining(a.signingSecret());
	}

	@Test
	void creatingAndRevokingAreAuditedWithoutSecrets() {
		String name = "audited-" + UUID.randomUUID();
		NewApiClient created = this.clients.create(name, Set.of(ApiScope.AUDIT_READ, ApiScope.REQUESTS_READ),
				Instant.parse("2099-01-01T00:00:00Z"), List.of());
		assertThat(this.clients.revoke(created.client().id())).isTrue();
		assertThat(this.clients.revoke(created.client().id())).as("second revoke").isFalse();

		List<Map<String, Object>> events = this.jdbc
			.sql("SELECT action, details FROM audit_event WHERE target = ? ORDER BY seq")
			.param(name)
			.query()
			.listOfRows();
		assertThat(events).extracting(e -> e.get("ACTION")).containsExactly("api.client.create", "api.client.revoke");
		assertThat(events.get(0).get("DETAILS").toString()).contains("audit:read,requests:read")
			.doesNotContain(created.token(), created.signingSecret());
		assertThat(this.clients.find(created.client().id())).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
	}

	@Test
	void namesAreUniqueEvenAfterRevocation() {
		String name = "unique-" + UUID.randomUUID();
		NewApiClient first = this.clients.create(name, Set.of(ApiScope.AUDIT_READ), null, List.of());
		this.clients.revoke(first.client().id());
		assertThatThrownBy(() -> this.clients.create(name, Set.of(ApiScope.AUDIT_READ), null, List.of()))
			.isInstanceOf(ApiClients.DuplicateNameException.class);
	}

	@Test
	void theLastUseIsRecorded() {
		NewApiClient created = this.clients.create("used-" + UUID.randomUUID(), Set.of(ApiScope.AUDIT_READ), null,
				List.of());
		ApiClient client = this.clients.findByToken(created.token()).orElseThrow();
		this.clients.touch(client);
		assertThat(this.clients.find(client.id()).orElseThrow().lastUsedAt()).isNotNull();
	}

	private String row(String id) {
		return this.jdbc.sql("SELECT * FROM api_client WHERE id = ?").param(id).query().singleRow().toString();
	}

}
