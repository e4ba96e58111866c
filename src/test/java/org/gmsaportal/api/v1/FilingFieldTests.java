package org.gmsaportal.api.v1;

import java.util.List;
import java.util.Set;

import org.gmsaportal.directory.EncryptionType;
import org.gmsaportal.provisioning.Hosts;
import org.gmsaportal.provisioning.Target;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An engine error is reported on the field the client sent: the DNS host name, when the client sent none, is
 * derived from {@code account.name}, so an error in the derived value is the name's.
 */
class FilingFieldTests {

	// Four 63-character labels: any host name under this domain is longer than DNS allows.
	private static final String LONG_DOMAIN = ("d".repeat(63) + ".").repeat(3) + "d".repeat(60);

	@Test
	void anErrorInTheDerivedDnsHostNameIsReportedOnTheName() {
		ApiInputException ex = catchThrowableOfType(ApiInputException.class,
				() -> filing(null).toRequest(LONG_DOMAIN));
		assertThat(ex.field()).isEqualTo("account.name");
		assertThat(ex.rule()).contains("gives the DNS host name web01." + LONG_DOMAIN)
			.contains("choose another name or send account.dnsHostName");
	}

	@Test
	void anErrorInASentDnsHostNameIsReportedOnIt() {
		ApiInputException ex = catchThrowableOfType(ApiInputException.class,
				() -> filing("web01_x.lab.test").toRequest("lab.test"));
		assertThat(ex.field()).isEqualTo("account.dnsHostName");
		assertThat(filing(null).apiField("dnsHostName")).isEqualTo("account.name");
		assertThat(filing("web01.lab.test").apiField("dnsHostName")).isEqualTo("account.dnsHostName");
	}

	private static Filing filing(@Nullable String dnsHostName) {
		return new Filing("lab", "web01", dnsHostName, List.of(), Set.of(EncryptionType.AES256_CTS_HMAC_SHA1_96),
				"web01-hosts", new Hosts.DomainJoined(List.of()), new Target.ExportOnly("apps", "web01", "web01"),
				null, null, null, null, List.of());
	}

}
