package org.gmsaportal.secretstores.azure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gmsaportal.credspec.PortableIdentitySecret;
import org.gmsaportal.credspec.SecretValue;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.StoredSecret;
import org.gmsaportal.support.KeyVaultStandIn;
import org.gmsaportal.support.KeyVaultStandIn.Request;
import org.gmsaportal.support.KeyVaultStandInApi.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.gmsaportal.secretstores.azure.StandInFixtures.PASSWORD;
import static org.gmsaportal.secretstores.azure.StandInFixtures.destination;
import static org.gmsaportal.secretstores.azure.StandInFixtures.value;

/**
 * The Key Vault adapter through the real Azure SDK against {@link KeyVaultStandIn}, a local HTTPS stand-in (no
 * Key Vault emulator runs here) that checks each request's shape: path, api-version, bearer token, JSON body. A
 * real vault adds Entra ID's real sign-in, RBAC or access policies and soft-delete retention.
 */
class AzureKeyVaultStoreTests {

	@TempDir
	static Path dir;

	static KeyVaultStandIn standIn;

	static AzureKeyVaultStore store;

	@BeforeAll
	static void start() {
		standIn = KeyVaultStandIn.start();
		store = StandInFixtures.store(standIn, dir, standIn.clientSecret, 1);
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@AfterEach
	void everyRequestHadTheExpectedShape() {
		assertThat(standIn.violations()).isEmpty();
	}

	@Test
	void writeStoresThePluginsFormatAsANewTaggedVersionAndReadReturnsIt() {
		SecretDestination where = destination("kv-roundtrip", "webapp01-ccg", "run-1");

		StoredSecret written = store.write(where, value(where));
		PortableIdentitySecret read = store.read(where);

		Version version = standIn.vaults().versions("kv-roundtrip", "webapp01-ccg").get(0);
		assertThat(version.value()).isEqualTo("lab.test\\webapp01-ccg:" + PASSWORD);
		assertThat(version.tags()).isEqualTo(Map.of("managed-by", "gmsa-portal", "gmsa-portal-run", "run-1"));
		assertThat(version.contentType()).isEqualTo("text/plain");
		assertThat(written).isEqualTo(new StoredSecret(true, true, version.id(), "run-1"));
		assertThat(read).isEqualTo(value(where));
		assertThat(store.inspect(where)).isEqualTo(written);
	}

	@Test
	void theValueTravelsOnlyAfterKeyVaultsChallengeWasAnsweredWithAClientCredentialsToken() {
		// A store of its own: a fresh credential has no token cached, so the whole sign-in is on the wire.
		AzureKeyVaultStore fresh = StandInFixtures.store(standIn, dir, standIn.clientSecret, 1);
		int before = standIn.requests().size();

		fresh.write(destination("kv-challenge", "webapp01-ccg", "run-2"), value(destination("kv-challenge", "x", "r")));

		// MSAL looks the authority up once per JVM (instance discovery), so whether that GET is here depends on
		// which test ran first; the rest of the sequence does not.
		List<Request> calls = standIn.requests()
			.subList(before, standIn.requests().size())
			.stream()
			.filter((r) -> !r.path().equals("/common/discovery/instance"))
			.toList();
		assertThat(calls).extracting(Request::method, Request::host, Request::path).containsExactly(
				tuple("PUT", "kv-challenge.vault.azure.net", "/secrets/webapp01-ccg"),
				tuple("POST", KeyVaultStandIn.LOGIN_HOST, "/" + KeyVaultStandIn.TENANT_ID + "/oauth2/v2.0/token"),
				tuple("PUT", "kv-challenge.vault.azure.net", "/secrets/webapp01-ccg"));
		assertThat(calls.get(0).headers()).doesNotContainKey("authorization");
		assertThat(calls.get(0).body()).isEmpty();
		assertThat(KeyVaultStandIn.decodeForm(calls.get(1).body())).containsEntry("grant_type", "client_credentials")
			.containsEntry("client_id", KeyVaultStandIn.CLIENT_ID)
			.containsEntry("client_secret", standIn.clientSecret)
			.hasEntrySatisfying("scope",
					(scope) -> assertThat(scope.split(" ")).contains("https://vault.azure.net/.default"));
		assertThat(calls.get(2).headers().get("authorization")).startsWith("Bearer token-");
		assertThat(calls.get(2).query()).containsEntry("api-version", "2025-07-01");
		assertThat(calls.get(2).body()).contains("\"value\":\"lab.test\\\\webapp01-ccg:");
	}

	@Test
	void inspectReadsOnlyPropertiesAndTellsAForeignSecretFromThePortals() {
		Version foreign = standIn.vaults().seed("kv-inspect", "someone-elses", "contoso\\svc:hunter2", Map.of());
		standIn.vaults().seed("kv-inspect", "tagged-by-hand", "x", Map.of("managed-by", "terraform"));

		assertThat(store.inspect(destination("kv-inspect", "someone-elses", "run-3")))
			.isEqualTo(new StoredSecret(true, false, foreign.id(), null));
		assertThat(store.inspect(destination("kv-inspect", "tagged-by-hand", "run-3")).writtenByPortal()).isFalse();
		assertThat(store.inspect(destination("kv-inspect", "nobody-has-it", "run-3"))).isEqualTo(StoredSecret.absent());
		// Properties only: the versions list and the deleted secret, never a path that answers with a value.
		assertThat(standIn.requestsTo("kv-inspect")).filteredOn((r) -> r.headers().containsKey("authorization"))
			.isNotEmpty()
			.allSatisfy((r) -> assertThat(r.method() + " " + r.path())
				.matches("GET (/secrets/[a-z-]+/versions|/deletedsecrets/nobody-has-it)"));
	}

	@Test
	void removeSoftDeletesSoTheNameStaysReservedAndTheRunsWriteIsRefusedUntilPurged() {
		SecretDestination where = destination("kv-remove", "webapp01-ccg", "run-4");
		StoredSecret written = store.write(where, value(where));

		StoredSecret removed = store.remove(where);

		assertThat(standIn.vaults().isDeleted("kv-remove", "webapp01-ccg")).isTrue();
		assertThat(removed).isEqualTo(written);
		assertThat(store.remove(where)).as("removing again").isEqualTo(written);
		assertThat(store.inspect(where)).as("a soft-deleted secret holds its name").isEqualTo(written);
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store.write(where, value(where)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SecretStoreException.Reason.REFUSED))
			.withMessageContaining("soft delete")
			.withMessageContaining("az keyvault secret recover --vault-name kv-remove --name webapp01-ccg");
	}

	@Test
	void aRotationLeavesThePreviousVersionReadableByItsIdUntilItIsDisabled() {
		SecretDestination where = destination("kv-rotate", "webapp01-ccg", "run-5");
		StoredSecret first = store.write(where, value(where));
		PortableIdentitySecret next = new PortableIdentitySecret.Text(SecretValue.of("lab.test\\webapp01-ccg:next"));
		StoredSecret second = store.write(new SecretDestination(where.preset(), null, "run-6"), next);

		assertThat(store.read(where)).isEqualTo(next);
		assertThat(store.inspect(where)).isEqualTo(second);
		assertThat(store.disableVersion(where, first.version())).isTrue();
		assertThat(store.disableVersion(where, "0123456789abcdef0123456789abcdef")).isFalse();

		assertThat(standIn.vaults().versions("kv-rotate", "webapp01-ccg")).extracting(Version::id, Version::enabled)
			.containsExactly(tuple(first.version(), false), tuple(second.version(), true));
		assertThat(standIn.requestsTo("kv-rotate")).filteredOn((r) -> r.method().equals("PATCH"))
			.singleElement()
			.satisfies((r) -> assertThat(r.path()).isEqualTo("/secrets/webapp01-ccg/" + first.version()));
	}

	@Test
	void aSecretUriPinningAVersionIsReadAsPinnedButNeverWritten() {
		Version pinned = standIn.vaults().seed("kv-pinned", "webapp01-ccg", "lab.test\\u:p", Map.of());
		standIn.vaults().seed("kv-pinned", "webapp01-ccg", "lab.test\\u:newer", Map.of());
		SecretDestination where = destination("kv-pinned", "webapp01-ccg/" + pinned.id(), "run-7");

		assertThat(store.read(where))
			.isEqualTo(new PortableIdentitySecret.Text(SecretValue.of("lab.test\\u:p")));
		assertThatExceptionOfType(SecretStoreException.class).isThrownBy(() -> store.write(where, value(where)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SecretStoreException.Reason.INVALID_NAME))
			.withMessageContaining("pins version " + pinned.id())
			.withMessageContaining("https://kv-pinned.vault.azure.net/secrets/webapp01-ccg)");
	}

	@Test
	void theEquivalentCommandNamesVaultAndSecretAndLeavesTheValueOut() {
		assertThat(store.equivalentCommand(destination("myGMSAVault", "GMSADomainUserCred", "run-8")))
			.isEqualTo("az keyvault secret set --vault-name myGMSAVault --name GMSADomainUserCred --value '<value>'");
		assertThat(store.displayName()).isEqualTo("Azure Key Vault");
		assertThat(store.serves(destination("v", "s", "r").preset())).isTrue();
	}

}
