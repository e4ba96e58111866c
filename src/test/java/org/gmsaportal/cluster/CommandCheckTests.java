package org.gmsaportal.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interpretation of nltest and klist output, on outputs recorded in the shapes Windows containers print.
 */
class CommandCheckTests {

	@Test
	void nltestWithNerrSuccessOnEveryStatusLineIsASuccess() {
		CommandCheck check = CommandCheck.nltest("contoso.com", Fixtures.resource("nltest-sc-verify-success.txt"));

		assertThat(check.success()).isTrue();
		assertThat(check.command()).isEqualTo("nltest /sc_verify:contoso.com");
	}

	@Test
	void nltestSayingTheCommandCompletedIsStillAFailureWhenTheStatusIsNot() {
		CommandCheck check = CommandCheck.nltest("contoso.com", Fixtures.resource("nltest-sc-verify-no-logon-servers.txt"));

		assertThat(check.success()).isFalse();
		assertThat(check.summary()).startsWith("Status = 1311 0x51f ERROR_NO_LOGON_SERVERS").contains("check DNS for contoso.com");
	}

	@Test
	void nltestRpcServerUnavailableMeansTheCredSpecWasNotApplied() {
		CommandCheck check = CommandCheck.nltest("contoso.com", Fixtures.resource("nltest-sc-verify-rpc-unavailable.txt"));

		assertThat(check.success()).isFalse();
		assertThat(check.summary()).contains("RPC_S_SERVER_UNAVAILABLE", "without the gMSA identity");
	}

	@Test
	void nltestWithNoOutputIsAFailure() {
		assertThat(CommandCheck.nltest("contoso.com", "").success()).isFalse();
	}

	@Test
	void klistWithARetrievedTicketIsASuccess() {
		assertThat(CommandCheck.klist(Fixtures.resource("klist-get-krbtgt-success.txt")).success()).isTrue();
	}

	@Test
	void klistFailureNamesTheErrorLine() {
		CommandCheck check = CommandCheck.klist(Fixtures.resource("klist-get-krbtgt-failure.txt"));

		assertThat(check.success()).isFalse();
		assertThat(check.summary()).startsWith("Error calling API LsaCallAuthenticationPackage (GetTicket substatus): 1312");
	}

}
