package org.gmsaportal.directory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.naming.ldap.LdapContext;

import org.gmsaportal.directory.internal.WhoAmI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gmsaportal.support.LabServices.dc;

/**
 * The service account's LDAP sessions are reused across lookups instead of a TLS handshake and bind per lookup
 * (issue 18), against the real lab DC: binds stay authenticated as the service account, a changed bind password
 * is never answered from an old session, and a person's sign-in bind is never reused.
 */
class ServiceSessionsIntegrationTests {

	private final LabDirectory lab = LabDirectory.shared();

	@Test
	void lookupsInARowShareOneSession() {
		DirectoryConnection connection = this.lab.admin();
		for (int i = 0; i < 10; i++) {
			assertThat(connection.domainFacts().dnsName()).isEqualToIgnoringCase("lab.test");
		}
		assertThat(connection.serviceSessionsOpened()).isEqualTo(1);
	}

	@Test
	void concurrentLookupsOpenAtMostOneSessionPerThread() throws Exception {
		DirectoryConnection connection = this.lab.admin();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> work = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			work.add(pool.submit(() -> connection.domainFacts()));
		}
		for (Future<?> each : work) {
			each.get();
		}
		pool.shutdown();
		assertThat(connection.serviceSessionsOpened()).isBetween(1L, 4L);
	}

	// Issue 18: 50 concurrent filings opened 50 sessions, kept 8, and the next wave opened 42 again.
	@Test
	void aBurstOfConcurrentWorkKeepsItsSessionsForTheNextBurst() throws Exception {
		DirectoryConnection connection = this.lab.admin();
		int concurrent = 20;
		ExecutorService pool = Executors.newFixedThreadPool(concurrent);
		for (int wave = 0; wave < 2; wave++) {
			// every session is lent at once: each piece of work waits for all the others before it ends
			CyclicBarrier together = new CyclicBarrier(concurrent);
			List<Future<?>> work = new ArrayList<>();
			for (int i = 0; i < concurrent; i++) {
				work.add(pool.submit(() -> connection.withServiceAccount(ctx -> {
					DomainFacts.read(ctx);
					return awaitAll(together);
				})));
			}
			for (Future<?> each : work) {
				each.get();
			}
		}
		pool.shutdown();
		assertThat(connection.serviceSessionsOpened()).isEqualTo(concurrent);
		assertThat(connection.serviceSessionsLent()).isEqualTo(2 * concurrent);
	}

	private static int awaitAll(CyclicBarrier together) {
		try {
			return together.await(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("the other sessions did not come", ex);
		}
	}

	@Test
	void reusedSessionsStayBoundAsTheServiceAccount() {
		DirectoryConnection connection = this.lab.admin();
		connection.authenticate(dc("GMSA_LAB_AUDITOR"), dc("GMSA_LAB_AUDITOR_PASSWORD"));
		for (int i = 0; i < 3; i++) {
			String bound = connection.withServiceAccount(ctx -> WhoAmI.boundAccountName((LdapContext) ctx));
			assertThat(bound).isEqualToIgnoringCase("Administrator");
			connection.authenticate(dc("GMSA_LAB_AUDITOR"), dc("GMSA_LAB_AUDITOR_PASSWORD"));
		}
		assertThat(connection.serviceSessionsOpened()).isEqualTo(1);
	}

	@Test
	void aChangedBindPasswordIsNeverAnsweredFromAnOldSession(@TempDir Path dir) throws Exception {
		Path passwordFile = dir.resolve("bind-password");
		Files.writeString(passwordFile, dc("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
		var settings = new DirectorySettings.Connection(List.of(URI.create(dc("GMSA_LAB_LDAPS_URL"))), "lab.test",
				false, Path.of(dc("GMSA_LAB_CA_FILE")), false, false, dc("GMSA_LAB_DOMAIN_ADMIN"), null, passwordFile,
				Duration.ofSeconds(5), Duration.ofSeconds(30));
		DirectoryConnection connection = DirectoryConnections.build("lab", settings);
		connection.domainFacts();
		Files.writeString(passwordFile, "not-the-password");
		assertThatThrownBy(connection::domainFacts).isInstanceOf(DirectoryAuthenticationException.class);
		Files.writeString(passwordFile, dc("GMSA_LAB_DOMAIN_ADMIN_PASSWORD"));
		connection.domainFacts();
		assertThat(connection.serviceSessionsOpened()).isEqualTo(2);
	}

	@Test
	void aSessionWhoseWorkFailedIsNotReused() {
		DirectoryConnection connection = this.lab.admin();
		connection.domainFacts();
		assertThatThrownBy(() -> connection.withServiceAccount(ctx -> ctx.getAttributes("CN=nowhere,DC=lab,DC=test")))
			.isInstanceOf(DirectoryException.class);
		connection.domainFacts();
		assertThat(connection.serviceSessionsOpened()).isEqualTo(2);
	}

}
