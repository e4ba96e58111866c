package org.gmsaportal.directory;

import java.time.Duration;
import java.util.List;

import javax.naming.directory.Attributes;

import org.gmsaportal.directory.KdsStatus.State;
import org.gmsaportal.support.AuditRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The KDS root key story on a DC of its own: no key, refused gMSA, production key, no second key beside it,
 * lab key in a forest without keys, gMSA and proof.
 */
@TestMethodOrder(OrderAnnotation.class)
class KdsRootKeyLifecycleIntegrationTests {

	private static OwnLabDc dc;

	private static final String NAME = LabDirectory.unique("kds");

	private final AuditRecorder audit = new AuditRecorder();

	private final KdsRootKeyManagement kds = new KdsRootKeyManagement(this.audit, null);

	private final IdentityManagement identities = new IdentityManagement(this.audit, null);

	@BeforeAll
	static void startOwnDc() {
		dc = OwnLabDc.start("127.0.0.3");
	}

	@AfterAll
	static void stopOwnDc() {
		if (dc != null) {
			dc.close();
		}
	}

	private DirectoryConnection admin() {
		return dc.lab().admin();
	}

	@Test
	@Order(1)
	void provisionedKeyIsUsable() {
		assertThat(this.kds.status(admin()).state()).isEqualTo(State.USABLE);
	}

	@Test
	@Order(2)
	void withEveryKeyDeletedStatusIsMissingAndTheDcRefusesTheGmsaClearly() {
		// Only this test deletes keys, on its own DC; the portal itself never does.
		admin().withServiceAccount(ctx -> {
			for (KdsRootKey key : KdsRootKeyManagement.list(ctx, "CN=Configuration,DC=lab,DC=test")) {
				ctx.destroySubcontext(key.distinguishedName());
			}
			return null;
		});
		KdsStatus status = this.kds.status(admin());
		assertThat(status.state()).isEqualTo(State.MISSING);
		assertThat(status.explanation()).contains("no KDS root key");
		this.identities.ensureGroup(admin(), GroupRequest.of(NAME + "-hosts"));
		assertThatThrownBy(() -> this.identities.ensureGmsa(admin(), GmsaRequest.of(NAME, NAME + "-hosts")))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("the forest has no usable KDS root key (check the KDS status")
			.hasMessageContaining("failed to find a suitable root key");
	}

	@Test
	@Order(3)
	void productionKeyIsNotYetUsableUntilTenHoursAndFiveMinutesAfterItsEffectiveTime() {
		KdsRootKey key = this.kds.create(admin(), KdsKeyMode.PRODUCTION, false);
		KdsStatus status = this.kds.status(admin());
		assertThat(status.state()).isEqualTo(State.NOT_YET_USABLE);
		assertThat(status.usableAt()).isEqualTo(key.effective().plus(Duration.ofMinutes(605)));
		assertThat(Duration.between(status.dcTime(), status.usableAt())).isBetween(Duration.ofMinutes(600),
				Duration.ofMinutes(606));
		assertThat(status.explanation()).contains("becomes usable at " + status.usableAt());
		assertThat(dc.lab().samba("samba-tool", "domain", "kds", "root-key", "list")).contains("name " + key.id());
		assertThatThrownBy(() -> this.identities.ensureGmsa(admin(), GmsaRequest.of(NAME, NAME + "-hosts")))
			.hasMessageContaining("no usable KDS root key");
	}

	@Test
	@Order(4)
	void keyCarriesTheAttributeValuesWindowsWrites() throws Exception {
		KdsRootKey key = this.kds.status(admin()).keys().get(0);
		Attributes stored = admin().withServiceAccount(ctx -> Ldap.read(ctx, key.distinguishedName(),
				"msKds-Version", "msKds-KDFAlgorithmID", "msKds-KDFParam", "msKds-SecretAgreementAlgorithmID",
				"msKds-SecretAgreementParam", "msKds-PublicKeyLength", "msKds-PrivateKeyLength", "msKds-RootKeyData",
				"msKds-DomainID"));
		assertThat(Ldap.string(stored, "msKds-Version")).isEqualTo("1");
		assertThat(Ldap.string(stored, "msKds-KDFAlgorithmID")).isEqualTo("SP800_108_CTR_HMAC");
		assertThat(Ldap.bytes(stored, "msKds-KDFParam")).hasSize(30);
		assertThat(Ldap.string(stored, "msKds-SecretAgreementAlgorithmID")).isEqualTo("DH");
		assertThat(Ldap.bytes(stored, "msKds-SecretAgreementParam")).hasSize(524);
		assertThat(Ldap.string(stored, "msKds-PublicKeyLength")).isEqualTo("2048");
		assertThat(Ldap.string(stored, "msKds-PrivateKeyLength")).isEqualTo("512");
		assertThat(Ldap.bytes(stored, "msKds-RootKeyData")).hasSize(64);
		assertThat(Ldap.string(stored, "msKds-DomainID")).isEqualToIgnoringCase("CN=DC1,OU=Domain Controllers,DC=lab,DC=test");
	}

	@Test
	@Order(5)
	void aSecondKeyIsRefusedWhileTheFirstIsNotUsableYetSayingWhenItBecomesUsable() {
		KdsRootKey waiting = this.kds.status(admin()).keys().get(0);
		String usableFrom = "becomes usable at " + waiting.usableFrom();
		for (KdsRootKeyChoice choice : KdsRootKeyChoice.values()) {
			for (Directory.Mode mode : Directory.Mode.values()) {
				Directory.Ensured ensured = this.kds.ensure(admin(), choice, mode);
				assertThat(ensured.result()).as(choice + " " + mode).isEqualTo(Directory.Result.DRIFT);
				assertThat(ensured.detail()).contains("KDS root key " + waiting.id() + " exists (created "
						+ waiting.created() + ")", usableFrom, "does not create a second key");
			}
		}
		// The write itself refuses too, so a key added after the plan was approved is not joined by another.
		assertThatThrownBy(() -> this.kds.create(admin(), KdsKeyMode.LAB_BACKDATED, true))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining(usableFrom);
		assertThatThrownBy(() -> this.kds.create(admin(), KdsKeyMode.PRODUCTION, false))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining(usableFrom);
		assertThat(this.kds.status(admin()).keys()).containsExactly(waiting);
		assertThat(dc.lab().samba("samba-tool", "domain", "kds", "root-key", "list")).contains("1 root key found")
			.contains("name " + waiting.id());
		assertThat(this.audit.events).isEmpty();
	}

	@Test
	@Order(6)
	void confirmedLabKeyInAForestWithoutKeysIsUsableAtOnceAndTheGmsaIsCreatedAndReadable() {
		// Only this test deletes the waiting key, on its own DC, to reach a forest with no key again.
		admin().withServiceAccount(ctx -> {
			for (KdsRootKey key : KdsRootKeyManagement.list(ctx, "CN=Configuration,DC=lab,DC=test")) {
				ctx.destroySubcontext(key.distinguishedName());
			}
			return null;
		});
		assertThat(this.kds.ensure(admin(), KdsRootKeyChoice.CREATE_LAB, Directory.Mode.APPLY).result())
			.isEqualTo(Directory.Result.CREATED);
		assertThat(this.audit.events).last().satisfies(event -> {
			assertThat(event.action()).isEqualTo("directory.kds-root-key.create");
			assertThat(event.details()).containsKey("warning");
			assertThat(event.details().toString()).doesNotContain("RootKeyData");
		});
		KdsStatus status = this.kds.status(admin());
		assertThat(status.state()).isEqualTo(State.USABLE);
		assertThat(status.keys()).hasSize(1);
		assertThat(status.warnings()).isEmpty();
		assertThat(this.kds.ensure(admin(), KdsRootKeyChoice.CREATE_LAB, Directory.Mode.APPLY).result())
			.isEqualTo(Directory.Result.ALREADY_AS_REQUESTED);
		assertThat(this.kds.status(admin()).keys()).hasSize(1);

		assertThat(this.identities.ensureGmsa(admin(), GmsaRequest.of(NAME, NAME + "-hosts")).outcome())
			.isEqualTo(EnsureResult.Outcome.CREATED);
		PortableUserResult user = this.identities.ensurePortableUser(admin(),
				new PortableUserRequest(NAME + "-ccg", NAME + "-hosts", null));
		ProofResult proof = new PasswordRetrievalProof(this.audit, null).prove(admin(), NAME, NAME + "-ccg",
				user.password().reveal());
		assertThat(proof.retrieved()).as(proof.missingPreconditions().toString()).isTrue();
		assertThat(List.of(proof.password().currentPasswordBytes())).containsExactly(256);
	}

}
