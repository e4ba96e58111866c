package org.gmsaportal.web;

import java.util.List;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.cluster.Clusters;
import org.gmsaportal.provisioning.LiveChecks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The sign-in page and the connections page as {@link PortalController} serves them (the overview:
 * {@code OverviewControllerTests}). The services are mocks: this slice tests the controller's HTTP translation;
 * {@link PortalHttpTests} covers it against the real engine.
 *
 * <p>
 * The browser's real {@code SecurityConfig} is in the slice (matched by name: it is package-private in the security
 * module), so who may see a page is what the portal decides; only its sign-in manager and the audit trail it
 * writes to are mocks.
 */
@WebMvcTest(controllers = PortalController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.gmsaportal\\.security\\.SecurityConfig"))
class PortalControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	LiveChecks connections;

	@MockitoBean
	AuthenticationManager signIn;

	@MockitoBean
	AuditTrail audit;

	@Test
	void theSignInPageIsOpenToAnonymousVisitors() {
		assertThat(this.mvc.get().uri("/login")).hasStatusOk().hasViewName("login");
	}

	@Test
	void anAnonymousVisitorIsSentToSignInAndNothingIsRead() {
		assertThat(this.mvc.get().uri("/connections")).hasStatus3xxRedirection()
			.redirectedUrl()
			.endsWith("/login");
		verifyNoInteractions(this.connections);
	}

	@Test
	void theConnectionsPageShowsEachClusterConnectionToAnAuditor() {
		given(this.connections.directoryConnections()).willReturn(List.of());
		given(this.connections.clusterConnections())
			.willReturn(List.of(new Clusters.ClusterSummary("aks-prod", "kubeconfig")));
		assertThat(this.mvc.get().uri("/connections").with(user("reader").roles("AUDITOR"))).hasStatusOk()
			.hasViewName("connections")
			.bodyText()
			.contains("aks-prod");
	}

	@Test
	void aSignedInUserWithoutAPortalRoleIsRefused() {
		assertThat(this.mvc.get().uri("/connections").with(user("nobody").roles("GUEST"))).hasStatus(403);
		verifyNoInteractions(this.connections);
	}

}
