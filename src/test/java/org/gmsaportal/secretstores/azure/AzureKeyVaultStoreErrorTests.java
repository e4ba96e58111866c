package org.gmsaportal.secretstores.azure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.gmsaportal.secretstores.SecretDestination;
import org.gmsaportal.secretstores.SecretStoreException;
import org.gmsaportal.secretstores.SecretStoreException.Reason;
import org.gmsaportal.support.KeyVaultStandIn;
import org.gmsaportal.support.KeyVaultStandIn.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.gmsaportal.secretstores.azure.StandInFixtures.PASSWORD;
import static org.gmsaportal.secretstores.azure.StandInFixtures.destination;
import static org.gmsaportal.secretstores.azure.StandInFixtures.value;

/**
 * What the admin reads when Key Vault refuses or cannot be reached: the store, the secret and what to do, never
 * a secret. The answers come from {@link KeyVaultStandIn} (a local HTTPS stand-in, no emulator runs here) through
 * the real SDK, its retry policy included; every test's console output is searched for the portable user's
 * password, the portal's client secret and the access tokens the stand-in issued.
 */
@ExtendWith(OutputCaptureExtension.class)
class AzureKeyVaultStoreErrorTests {

	@TempDir
	static Path dir;

	static KeyVaultStandIn standIn;

	static AzureKeyVaultStore store;

	final List<SecretStoreException> failures = new CopyOnWriteArrayList<>();

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
	void noSecretInAnyLogLineOrMessage(CapturedOutput output) {
		assertThat(standIn.violations()).isEmpty();
		assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(standIn.clientSecret);
		assertThat(standIn.issuedTokens()).allSatisfy((token) -> assertThat(output.getAll()).doesNotContain(token));
		assertThat(this.failures).allSatisfy((ex) -> assertThat(ex.getMessage()).doesNotContain(PASSWORD)
			.doesNotContain(standIn.clientSecret)
			.startsWith("Azure Key Vault: ")
			.satisfies((message) -> assertThat(ex.store()).isEqualTo("Azure Key Vault")));
	}

	@Test
	void noPermissionNamesTheMissingPermissionTheRoleAndTheAccessPolicyCommand(CapturedOutput output) {
		SecretDestination where = destination("kv-denied", "webapp01-ccg", "run-1");
		standIn.failNext("kv-denied", 1, 403, "Forbidden", Map.of());

		assertThat(failure(() -> store.write(where, value(where)), Reason.FORBIDDEN)).isEqualTo("Azure Key Vault:"
				+ " could not write secret webapp01-ccg in vault kv-denied. The portal's identity lacks the secret"
				+ " permission 'set' (HTTP 403, Forbidden): assign it the \"Key Vault Secrets Officer\" role on the"
				+ " vault (RBAC), or with access policies run az keyvault set-policy --name kv-denied --object-id"
				+ " <portal identity> --secret-permissions set get list delete.");
		standIn.failNext("kv-denied", 1, 403, "Forbidden", Map.of());
		assertThat(failure(() -> store.inspect(where), Reason.FORBIDDEN)).contains("permission 'list'");
		// The log names the secret, not its value: the value never travelled, the write was refused.
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void aVaultThatDoesNotResolveIsReportedAsNotFoundNamingTheSecretUri() {
		standIn.unknownVault("kv-missing");

		assertThat(failure(() -> store.read(destination("kv-missing", "webapp01-ccg", "run-2")),
				Reason.STORE_NOT_FOUND))
			.isEqualTo("Azure Key Vault: could not read secret webapp01-ccg in vault kv-missing. The vault's host"
					+ " kv-missing.vault.azure.net does not resolve: check the vault name in the SecretUri, or the"
					+ " private DNS zone (privatelink.vaultcore.azure.net) when the vault has a private endpoint.");
	}

	@Test
	void aMissingSecretOnReadSaysToResumeTheRun() {
		assertThat(failure(() -> store.read(destination("kv-empty", "never-written", "run-3")), Reason.REFUSED))
			.contains("secret never-written in vault kv-empty")
			.contains("The secret does not exist (HTTP 404, SecretNotFound)");
	}

	@Test
	void aDisabledNewestVersionIsNotMistakenForAMissingPermission() {
		SecretDestination where = destination("kv-disabled", "webapp01-ccg", "run-9");
		String version = store.write(where, value(where)).version();
		store.disableVersion(where, version);

		assertThat(failure(() -> store.read(where), Reason.REFUSED)).contains("Its newest version is disabled"
				+ " (HTTP 403, Forbidden), so the node's plug-in cannot read it either");
	}

	@Test
	void throttlingIsRetriedAfterRetryAfterAndThenSaysWhenToResume() {
		SecretDestination where = destination("kv-busy", "webapp01-ccg", "run-4");
		store.inspect(where);
		int before = standIn.requestsTo("kv-busy").size();
		standIn.failNext("kv-busy", 1, 429, "Throttled", Map.of("Retry-After", "1"));

		store.write(where, value(where));

		List<Request> writes = standIn.requestsTo("kv-busy").subList(before, standIn.requestsTo("kv-busy").size());
		assertThat(writes).extracting(Request::method).containsExactly("PUT", "PUT");
		// Retry-After: 1 was honoured (a little slack for the clocks of the two threads).
		assertThat(Duration.between(writes.get(0).at(), writes.get(1).at()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(900));

		standIn.failNext("kv-busy", 2, 429, "Throttled", Map.of("Retry-After", "1"));
		assertThat(failure(() -> store.write(where, value(where)), Reason.THROTTLED)).endsWith("Key Vault throttled"
				+ " the portal (HTTP 429, Throttled) and retries did not get through: resume the run after 1 s.");
	}

	@Test
	void anUnreachableVaultSaysToCheckTheNetworkPath() {
		standIn.unreachableVault("kv-firewalled");

		assertThat(failure(() -> store.inspect(destination("kv-firewalled", "webapp01-ccg", "run-5")),
				Reason.UNREACHABLE))
			.isEqualTo("Azure Key Vault: could not read the versions of secret webapp01-ccg in vault kv-firewalled."
					+ " The vault https://kv-firewalled.vault.azure.net did not answer: check the network path from the"
					+ " portal (firewall, private endpoint, proxy in HTTPS_PROXY), then resume the run.");
	}

	@Test
	void aServiceOutageIsReportedAsUnreachableAfterTheRetries() {
		standIn.failNext("kv-outage", 2, 503, "ServiceUnavailable", Map.of("Retry-After", "0"));

		assertThat(failure(() -> store.read(destination("kv-outage", "webapp01-ccg", "run-6")), Reason.UNREACHABLE))
			.contains("Key Vault is unavailable (HTTP 503, ServiceUnavailable): resume the run later.");
	}

	@Test
	void aWrongClientSecretSaysTheSignInFailedWithEntrasCode() {
		AzureKeyVaultStore wrong = StandInFixtures.store(standIn, dir, "not-the-secret", 0);

		assertThat(failure(() -> wrong.inspect(destination("kv-signin", "webapp01-ccg", "run-7")), Reason.FORBIDDEN))
			.contains("could not sign in to Entra ID for the vault (AADSTS7000215)")
			.contains("gmsa.secret-stores.azure.*")
			.doesNotContain("not-the-secret");
	}

	@Test
	void anUnreadableClientSecretFileIsNamedWithTheSetting() throws Exception {
		Path missing = dir.resolve("no-such-secret");
		AzureKeyVaultSettings settings = new AzureKeyVaultSettings(KeyVaultStandIn.TENANT_ID, KeyVaultStandIn.CLIENT_ID,
				missing, null, 0, Duration.ofSeconds(1), Duration.ofSeconds(1));
		AzureKeyVaultStore unconfigured = new AzureKeyVaultStore(settings,
				Optional.of(new AzureKeyVaultTransport(standIn.httpClient())));
		assertThat(Files.exists(missing)).isFalse();

		assertThat(failure(() -> unconfigured.inspect(destination("kv-config", "webapp01-ccg", "run-8")),
				Reason.REFUSED))
			.isEqualTo("Azure Key Vault: gmsa.secret-stores.azure.client-secret-file " + missing
					+ " cannot be read (NoSuchFileException): make it readable by the portal");
	}

	private String failure(ThrowingCallable call, Reason reason) {
		SecretStoreException ex = assertThatExceptionOfType(SecretStoreException.class).isThrownBy(call).actual();
		this.failures.add(ex);
		assertThat(ex.reason()).as(ex.getMessage()).isEqualTo(reason);
		return ex.getMessage();
	}

}
