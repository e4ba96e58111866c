package org.gmsaportal.directory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;

import org.gmsaportal.directory.DirectoryUser.DirectoryGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gmsaportal.support.LabServices.dc;

/**
 * User authentication against the real Samba AD DC of the lab (never a hand-made LDAP fake).
 */
class DirectoryAuthenticationIntegrationTests {

	private static DirectoryConnection connect(String url, boolean startTls, boolean allowPlain) {
		var settings = new DirectorySettings.Connection(List.of(URI.create(url)), "lab.test", startTls,
				Path.of(dc("GMSA_LAB_CA_FILE")), false, allowPlain, null, null, null, Duration.ofSeconds(5),
				Duration.ofSeconds(15));
		return DirectoryConnections.build("lab", settings);
	}

	@Test
	void ldapsBindReturnsNestedGroups() {
		DirectoryUser user = connect(dc("GMSA_LAB_LDAPS_URL"), false, false)
			.authenticate(dc("GMSA_LAB_PORTAL_ADMIN"), dc("GMSA_LAB_PORTAL_ADMIN_PASSWORD"));
		assertThat(user.accountName()).isEqualTo("lab.admin");
		assertThat(user.distinguishedName()).isEqualToIgnoringCase("CN=lab.admin,OU=GmsaPortal,DC=lab,DC=test");
		// GmsaPortal-Admins only through Platform-Team: the DC resolved the nesting.
		assertThat(user.groups()).extracting(DirectoryGroup::name)
			.contains("Platform-Team", "GmsaPortal-Admins");
	}

	@Test
	void startTlsBindWorksWithUserPrincipalName() {
		DirectoryUser user = connect(dc("GMSA_LAB_LDAP_URL"), true, false)
			.authenticate(dc("GMSA_LAB_AUDITOR") + "@LAB.TEST", dc("GMSA_LAB_AUDITOR_PASSWORD"));
		assertThat(user.groups()).extracting(DirectoryGroup::name).containsExactly("GmsaPortal-Auditors");
	}

	@Test
	void wrongPasswordIsRefusedAsInvalidCredentials() {
		DirectoryConnection connection = connect(dc("GMSA_LAB_LDAPS_URL"), false, false);
		String auditor = dc("GMSA_LAB_AUDITOR");
		assertThatThrownBy(() -> connection.authenticate(auditor, "not-the-password"))
			.isInstanceOfSatisfying(DirectoryAuthenticationException.class,
					ex -> assertThat(ex.reason()).isEqualTo("invalid credentials"))
			.hasMessageNotContaining("not-the-password");
	}

	@Test
	void emptyPasswordIsRefusedBeforeAnAnonymousBindCanSucceed() {
		DirectoryConnection connection = connect(dc("GMSA_LAB_LDAPS_URL"), false, false);
		String auditor = dc("GMSA_LAB_AUDITOR");
		assertThatThrownBy(() -> connection.authenticate(auditor, "")).isInstanceOf(DirectoryAuthenticationException.class)
			.hasMessageContaining("empty password");
	}

	@Test
	void plainLdapIsRefusedByDefaultWithoutContactingTheDc() {
		DirectoryConnection plain = connect(dc("GMSA_LAB_LDAP_URL"), false, false);
		String auditor = dc("GMSA_LAB_AUDITOR");
		String password = dc("GMSA_LAB_AUDITOR_PASSWORD");
		assertThat(plain.refusal()).contains("plain LDAP would send passwords in clear text");
		assertThatThrownBy(() -> plain.authenticate(auditor, password))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("gmsa.directory.connections.lab.allow-plain-ldap");
	}

	@Test
	void plainLdapAllowedForTheLabIsStillRefusedByTheDc() {
		// Samba, like a hardened AD, requires transport encryption for simple binds.
		DirectoryConnection plain = connect(dc("GMSA_LAB_LDAP_URL"), false, true);
		String auditor = dc("GMSA_LAB_AUDITOR");
		String password = dc("GMSA_LAB_AUDITOR_PASSWORD");
		assertThatThrownBy(() -> plain.authenticate(auditor, password))
			.isInstanceOf(DirectoryException.class);
	}

	@Test
	void untrustedCertificateIsRefused() {
		var settings = new DirectorySettings.Connection(List.of(URI.create(dc("GMSA_LAB_LDAPS_URL"))), "lab.test",
				false, null, false, false, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));
		String auditor = dc("GMSA_LAB_AUDITOR");
		String password = dc("GMSA_LAB_AUDITOR_PASSWORD");
		assertThatThrownBy(() -> DirectoryConnections.build("lab", settings).authenticate(auditor, password))
			.isInstanceOf(DirectoryException.class)
			.hasMessageContaining("Cannot reach a domain controller");
	}

	@Test
	void rolesComeFromTheAccountTheDcBoundEvenWhenItsUpnNamesAnotherAccount() throws Exception {
		LabDirectory lab = LabDirectory.shared();
		String account = LabDirectory.unique("upn");
		String alias = LabDirectory.unique("alias");
		String password = "Upn-Test-Pass-1234!";
		LabDirectory.run("samba-tool", "user", "add", account, password, "--userou=OU=GmsaPortal", "-s",
				lab.dir().resolve("etc/smb.conf").toString());
		lab.admin().withServiceAccount(ctx -> {
			ctx.modifyAttributes("CN=" + account + ",OU=GmsaPortal,DC=lab,DC=test", new ModificationItem[] {
					new ModificationItem(DirContext.REPLACE_ATTRIBUTE,
							new BasicAttribute("userPrincipalName", alias + "@lab.test")) });
			return null;
		});
		// Signing in as alias@lab.test binds the account whose UPN that is; the portal must ask the DC
		// who that is rather than assume the name typed is a sAMAccountName.
		DirectoryUser user = connect(dc("GMSA_LAB_LDAPS_URL"), false, false).authenticate(alias + "@lab.test",
				password);
		assertThat(user.accountName()).isEqualTo(account);
		assertThat(user.groups()).isEmpty();
	}

	@Test
	void probeReadsTheDcHostNameOverTls() {
		assertThat(connect(dc("GMSA_LAB_LDAPS_URL"), false, false).probe()).isEqualToIgnoringCase("dc1.lab.test");
	}

}
