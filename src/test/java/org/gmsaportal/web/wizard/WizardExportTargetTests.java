package org.gmsaportal.web.wizard;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.gmsaportal.cluster.WorkloadKind;
import org.gmsaportal.cluster.WorkloadRef;
import org.gmsaportal.directory.Directory;
import org.gmsaportal.provisioning.LiveChecks;
import org.gmsaportal.provisioning.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * An export's cluster page: no cluster to list workloads from, so they are typed one Kind/name a line, with the DNS
 * servers of the bundle's CoreDNS block; both go into the request's export target, and a line that is not Kind/name
 * is an error on its field. This slice tests the controller's decisions; the live checks are mocks.
 */
@WizardSliceTest
class WizardExportTargetTests {

	private static final String ADMIN_NAME = "export-admin";

	private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	WizardDraftRepository drafts;

	@Autowired
	LiveChecks connections;

	@BeforeEach
	void aLabDirectory() {
		given(this.connections.directoryConnections()).willReturn(List.of(new Directory.ConnectionSummary("lab",
				"contoso.com", List.of(URI.create("ldaps://dc1.contoso.com:636")), "LDAPS", false, null)));
		given(this.drafts.find(ADMIN_NAME)).willReturn(Optional.of(WizardDrafts.atCluster("")));
	}

	@Test
	void anExportTakesTypedWorkloadsAndDnsServersIntoItsTarget() {
		assertThat(this.mvc.get().uri("/wizard/cluster").with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"typedWorkloads\"", "id=\"dnsForwardServers\"", "No cluster is read, so type them")
			.doesNotContain("id=\"workload-picker\"", "id=\"run-preflight\"");
		MultiValueMap<String, String> form = WizardDrafts.clusterForm();
		form.add("typedWorkloads", "Deployment/web\nCronJob/report\n");
		form.add("dnsForwardServers", "10.0.0.4");

		assertThat(this.mvc.post().uri("/wizard/cluster").params(form).with(csrf()).with(ADMIN))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/wizard/review");
		verify(this.drafts).save(eq(ADMIN_NAME), argThat((saved) -> new Target.ExportOnly("apps", "webapp",
				"webapp01-spec", null, List.of("10.0.0.4"), List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web",
						false), new WorkloadRef(WorkloadKind.CRON_JOB, "report", false)))
			.equals(WizardRequests.target(saved))));
	}

	@Test
	void aTypedWorkloadThatIsNotKindSlashNameIsAnErrorOnItsField() {
		MultiValueMap<String, String> form = WizardDrafts.clusterForm();
		form.add("typedWorkloads", "Deployment/web\nPod/web");

		assertThat(this.mvc.post().uri("/wizard/cluster").params(form).with(csrf()).with(ADMIN)).hasStatusOk()
			.bodyText()
			.contains("id=\"typedWorkloads-error\"", "&#39;Pod/web&#39; must be Kind/name");
		verify(this.drafts, never()).save(anyString(), any());
	}

}
