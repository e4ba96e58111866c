package org.gmsaportal.directory.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Naming rules for gMSAs, SPNs, DNS host names and account names, each failure naming its field.
 */
class AccountNamesTests {

	@Test
	void spnsWithPortAndServiceNameAreAcceptedAndFilterCharactersRefused() {
		assertThat(AccountNames.spn("MSSQLSvc/db01.lab.test:1433")).isEqualTo("MSSQLSvc/db01.lab.test:1433");
		assertThat(AccountNames.spn("ldap/dc1.lab.test/lab.test")).isEqualTo("ldap/dc1.lab.test/lab.test");
		assertThatIllegalArgumentException().isThrownBy(() -> AccountNames.spn("http/*)(objectClass=*"))
			.withMessageStartingWith("SPN");
		assertThatIllegalArgumentException().isThrownBy(() -> AccountNames.spn("http"));
		assertThatIllegalArgumentException().isThrownBy(() -> AccountNames.spn("http/a b"));
	}

	@Test
	void dnsHostNamesAreLowerCasedLabels() {
		assertThat(AccountNames.dnsName("Web01.LAB.test")).isEqualTo("web01.lab.test");
		assertThatIllegalArgumentException().isThrownBy(() -> AccountNames.dnsName("web_01.lab.test"));
		assertThatIllegalArgumentException().isThrownBy(() -> AccountNames.dnsName("web01..lab.test"));
	}

	@Test
	void accountNamesNameTheFieldAndAllowComputerAccounts() {
		assertThat(AccountNames.accountName("member", "HOST01$")).isEqualTo("HOST01$");
		assertThatIllegalArgumentException().isThrownBy(() -> AccountNames.accountName("member", "a\0b"))
			.withMessageStartingWith("member:");
	}

}
