package org.gmsaportal.web.wizard;

import org.gmsaportal.provisioning.InvalidRequestException;
import org.gmsaportal.provisioning.ProvisioningRequest;
import org.gmsaportal.provisioning.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The wizard's forms become the engine's request, and the engine's field names find their way back to the forms.
 */
class WizardRequestsTests {

	private static WizardState state() {
		WizardState state = new WizardState();
		state.getConnections().setDirectoryConnection("lab");
		IdentityStep id = state.getIdentity();
		id.setGmsaName("web01");
		id.setDnsHostName("web01.contoso.com");
		id.setSpns("HTTP/web01.contoso.com\n\n  HOST/web01.contoso.com  ");
		id.setGroupName("web01-hosts");
		id.setComputerAccounts("NODE1$\r\nNODE2$");
		state.getCluster().setNamespace("apps");
		state.getCluster().setServiceAccount("webapp");
		state.getCluster().setCredSpecName("web01-spec");
		return state;
	}

	@Test
	void formsBecomeARequestWithOneEntryPerLine() {
		ProvisioningRequest request = WizardRequests.request(state());
		assertThat(request.spns()).containsExactly("HOST/web01.contoso.com", "HTTP/web01.contoso.com");
		assertThat(request.target()).isEqualTo(new Target.ExportOnly("apps", "webapp", "web01-spec"));
		assertThat(request.ticketRef()).isNull();
	}

	@Test
	void anEngineErrorInAListNamesTheEntryOnItsField() {
		WizardState state = state();
		state.getIdentity().setSpns("HTTP/web01.contoso.com\nAAA/bad host");
		InvalidRequestException ex = catchThrowableOfType(InvalidRequestException.class, () -> WizardRequests.request(state));
		WizardRequests.FieldError where = WizardRequests.locate(ex, state);
		assertThat(where.step()).isEqualTo("identity");
		assertThat(where.field()).isEqualTo("spns");
		assertThat(where.message()).startsWith("\"AAA/bad host\" must name a host");
	}

	@Test
	void targetErrorsBelongToTheClusterPage() {
		WizardState state = state();
		state.getCluster().setNamespace("Not_A_Label");
		InvalidRequestException ex = catchThrowableOfType(InvalidRequestException.class, () -> WizardRequests.request(state));
		assertThat(WizardRequests.locate(ex, state)).isEqualTo(new WizardRequests.FieldError("cluster", "namespace",
				ex.rule()));
	}

}
