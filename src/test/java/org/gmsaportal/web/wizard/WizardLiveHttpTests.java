package org.gmsaportal.web.wizard;

import java.util.List;
import java.util.UUID;

import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.directory.RunRef;
import org.gmsaportal.support.FakeDirectory;
import org.gmsaportal.support.MockCluster;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The wizard's live parts through MockMvc: connection status, SPN collisions (inline on Next and as JSON for
 * app.js), the computer search with and without script, and the cluster preflight. The directory is the
 * stand-in (the lookups themselves are tested against the Samba lab DC); the cluster is fabric8's mock API
 * server reached through a kubeconfig, since a real API server cannot run on these machines.
 */
@SpringBootTest(properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
		"gmsa.directory.connections.lab.domain=lab.test",
		"gmsa.cluster.connections.broken.kubeconfig=/nonexistent/gmsa-portal.kubeconfig" },
		classes = { org.gmsaportal.GmsaPortalApplication.class, WizardLiveHttpTests.SwitchableDirectoryConfig.class })
@AutoConfigureMockMvc
class WizardLiveHttpTests {

	private static final String OUTAGE = "Cannot reach a domain controller of lab.test at [ldaps://dc1.lab.test:636]: "
			+ "dc1.lab.test:636 did not answer within 5 seconds";

	private static MockCluster cluster = MockCluster.start().withGmsaSupport().answerAccessReviews(true);

	@Autowired
	MockMvc mvc;

	@Autowired
	SwitchableDirectory directory;

	@Autowired
	StatusCache statuses;

	private String admin;

	private MockHttpSession session;

	private String name;

	@DynamicPropertySource
	static void mockCluster(DynamicPropertyRegistry registry) {
		registry.add("gmsa.cluster.connections.mock.kubeconfig", () -> cluster.kubeconfig().toString());
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@BeforeEach
	void freshAdmin() {
		this.admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
		this.session = new MockHttpSession();
		this.name = "l" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

	@AfterEach
	void directoryBack() {
		this.directory.outage = null;
		this.statuses.forgetAll();
	}

	@Test
	void viewsShowTheStatusReadBeforeWithItsAgeAndOnlyCheckStatusAsksTheDirectoryAgain() throws Exception {
		page(form("connections", "go", "check", "directoryConnection", "lab", "clusterConnection", "mock"));
		int reads = this.directory.statusReads.get();
		for (int i = 0; i < 5; i++) {
			assertThat(page(get("/wizard/connections"))).contains("id=\"directory-dc\">dc1.contoso.com<")
				.contains("id=\"directory-status-age\">Checked ").contains("id=\"cluster-status-age\">Checked ");
		}
		assertThat(this.directory.statusReads.get()).isEqualTo(reads);
		page(form("connections", "go", "check", "directoryConnection", "lab", "clusterConnection", "mock"));
		assertThat(this.directory.statusReads.get()).isEqualTo(reads + 1);
	}

	@Test
	void theConnectionsPageShowsTheLiveStatusOfTheChosenDirectoryAndCluster() throws Exception {
		// Before a choice, the only directory connection is shown; export only reads no cluster.
		assertThat(page(get("/wizard/connections"))).contains("id=\"directory-dc\">dc1.contoso.com<")
			.doesNotContain("id=\"cluster-status").contains("id=\"check-status\"");
		String body = page(form("connections", "go", "check", "directoryConnection", "lab", "clusterConnection", "mock"));
		assertThat(body).contains("id=\"directory-status\"").contains("id=\"directory-domain\">contoso.com (CONTOSO)<")
			.contains("id=\"directory-dc\">dc1.contoso.com<").contains("id=\"directory-levels\">2016 / 2016<")
			.contains("id=\"directory-reachable\">yes, as the portal&#39;s service account<").contains("id=\"directory-transport\">LDAPS<").contains("id=\"cluster-status-ok\">The API server answers, Kubernetes")
			.doesNotContain("-error\"");
		// The choice was kept: the page shows the same status when opened again.
		assertThat(page(get("/wizard/connections"))).contains("id=\"directory-dc\">dc1.contoso.com<")
			.contains("id=\"cluster-status-ok\"");
	}

	@Test
	void aClusterThatCannotBeReachedAndAnUnreachableDirectoryAreNamedWithTheReason() throws Exception {
		this.directory.outage = OUTAGE;
		String body = page(form("connections", "go", "check", "directoryConnection", "lab", "clusterConnection", "broken"));
		assertThat(body).contains("id=\"directory-status-error\">Not reachable: " + OUTAGE)
			.contains("id=\"cluster-status-error\">Not reachable: The kubeconfig for cluster connection &#39;broken&#39; could not be read")
			.doesNotContain("id=\"directory-dc\"");
	}

	@Test
	void anSpnAnotherAccountHoldsIsAnErrorOnTheSpnFieldNamingTheHolderAndWhatToDo() throws Exception {
		String taken = "HTTP/taken-" + this.name + ".contoso.com";
		this.directory.registerSpn(taken, "CN=OLDAPP,CN=Computers,DC=contoso,DC=com");
		toIdentity("");
		String body = page(identity("spns", "HTTP/" + this.name + ".contoso.com\n" + taken));
		assertThat(body).contains("id=\"spns-error\"")
			.contains("SPN " + taken + " is already registered on CN=OLDAPP,CN=Computers,DC=contoso,DC=com")
			.contains("remove it there (setspn -D) or choose another name")
			.doesNotContain("SPN HTTP/" + this.name + ".contoso.com is");
		redirects(identity(), "/wizard/credspec");
	}

	@Test
	void anSpnWhoseHostAliasAComputerHoldsIsAWarningThatLetsNextThroughWhileAnExactOneStillBlocks() throws Exception {
		String alias = "HTTP/alias-" + this.name + ".contoso.com";
		String exact = "HTTP/exact-" + this.name + ".contoso.com";
		String web = "CN=WEB01,CN=Computers,DC=contoso,DC=com";
		this.directory.registerHostAlias(alias, web);
		this.directory.registerSpn(exact, "CN=OLDAPP,CN=Computers,DC=contoso,DC=com");
		toIdentity("");
		assertThat(json(get("/wizard/identity/spn-check").param("spns", alias + "\n" + exact).param("gmsaName", this.name)))
			.contains("\"spn\":\"" + alias + "\",\"holder\":\"" + web + "\"")
			.contains("get a ticket for the gMSA instead of " + web + "\",\"blocking\":false")
			.contains("\"spn\":\"" + exact + "\"").contains("choose another name\",\"blocking\":true");

		// Both: the exact one stops Next on the SPN field; the warning is shown beside it, not as an error.
		String body = page(identity("spns", alias + "\n" + exact));
		assertThat(body).contains("id=\"spns-error\"").contains("SPN " + exact + " is already registered on")
			.contains("id=\"spns-warnings\"").contains("data-holder=\"" + web + "\"")
			.contains("SPN " + alias + " may take over a service of another computer")
			.doesNotContain("SPN " + alias + " is already registered");

		// The warning alone: Next goes on, and the next page says it again.
		MvcResult next = call(identity("spns", alias)).andReturn();
		assertThat(next.getResponse().getRedirectedUrl()).isEqualTo("/wizard/credspec");
		// the warnings travel in the session (kept in the database), which the next request finds by its cookie
		String credspec = page(get("/wizard/credspec").cookie(next.getResponse().getCookie("JSESSIONID")));
		assertThat(credspec).contains("id=\"spns-warnings\"")
			.contains("get a ticket for the gMSA instead of " + web);
	}

	@Test
	void theSpnCheckAnswersAdminsInJsonAndRefusesAuditors() throws Exception {
		String taken = "HTTP/json-" + this.name + ".contoso.com";
		this.directory.registerSpn(taken, "CN=OLDAPP,CN=Computers,DC=contoso,DC=com");
		assertThat(json(get("/wizard/identity/spn-check").param("spns", taken)))
			.contains("\"checked\":false").contains("choose a directory connection first");
		toIdentity("");
		String answer = json(get("/wizard/identity/spn-check").param("spns", "HTTP/free.contoso.com\n" + taken)
			.param("gmsaName", this.name));
		assertThat(answer).contains("\"checked\":true").contains("\"spn\":\"" + taken + "\"")
			.contains("\"holder\":\"CN=OLDAPP,CN=Computers,DC=contoso,DC=com\"").doesNotContain("HTTP/free");
		assertThat(json(get("/wizard/identity/spn-check").param("spns", "HTTP/free.contoso.com")))
			.contains("\"checked\":true,\"conflicts\":[]");
		assertThat(this.mvc.perform(get("/wizard/identity/spn-check").param("spns", taken)
			.with(user("auditor").roles("AUDITOR"))).andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void theHostSpnsTheRunAddsItselfAreCheckedAndACollisionBlamesTheFieldTheyComeFrom() throws Exception {
		// Typical mistake: the DNS host name typed is an existing server's FQDN, whose host/ SPN that server holds.
		String server = "srv-" + this.name.toLowerCase() + ".contoso.com";
		this.directory.registerSpn("host/" + server, "CN=SRV,CN=Computers,DC=contoso,DC=com");
		toIdentity("");
		String body = page(identity("dnsHostName", server, "spns", "HTTP/" + server));
		assertThat(this.directory.spnsChecked).containsExactly("HTTP/" + server, "host/" + this.name, "host/" + server);
		assertThat(body).contains("id=\"dnsHostName-error\"")
			.contains("SPN host/" + server + " is added automatically for the DNS host name and "
					+ "CN=SRV,CN=Computers,DC=contoso,DC=com already holds it (or a service it stands for through the HOST "
					+ "alias mapping): the DNS host name is probably an existing server")
			.doesNotContain("id=\"spns-error\"");

		String own = "own-" + this.name.toLowerCase() + ".contoso.com";
		redirects(identity("dnsHostName", own, "spns", "HOST/" + this.name.toUpperCase() + "\nhost/" + own.toUpperCase()),
				"/wizard/credspec");
		// Typed SPNs equal to the defaults (in another case) are checked once.
		assertThat(this.directory.spnsChecked).containsExactly("HOST/" + this.name.toUpperCase(),
				"host/" + own.toUpperCase());
	}

	@Test
	void theLiveSpnCheckIncludesTheDefaultSpnsEvenWithNoneTyped() throws Exception {
		String holder = "CN=OLDGMSA,CN=Managed Service Accounts,DC=contoso,DC=com";
		this.directory.registerSpn("host/" + this.name, holder);
		toIdentity("");
		String answer = json(get("/wizard/identity/spn-check").param("spns", "").param("gmsaName", this.name)
			.param("dnsHostName", this.name + ".contoso.com"));
		assertThat(answer).contains("\"checked\":true").contains("\"spn\":\"host/" + this.name + "\"")
			.contains("\"holder\":\"" + holder + "\"")
			.contains("is added automatically for the gMSA name and " + holder
					+ " already holds it (or a service it stands for through the HOST alias mapping): choose another gMSA name");
		assertThat(this.directory.spnsChecked).containsExactly("host/" + this.name,
				"host/" + this.name.toLowerCase() + ".contoso.com");
	}

	@Test
	void searchAndAddWorkWithoutScriptAndKeepEverythingTyped() throws Exception {
		toIdentity("");
		String body = page(identity("go", "search", "computerSearch", "node", "gmsaName", "half typed!",
				"computerAccounts", "NODE1$"));
		assertThat(body).contains("id=\"computer-results\"").doesNotContain("id=\"computer-results\" hidden")
			.contains("data-account=\"NODE1$\"").contains("data-account=\"NODE2$\"").contains("data-account=\"NODE3$\"")
			.contains("CN=NODE2,CN=Computers,DC=contoso,DC=com").contains("node2.contoso.com")
			.contains("disabled: this host cannot log on").contains("id=\"computer-search-message\"")
			.contains("3 computer account(s) match")
			.contains("value=\"half typed!\"").contains("value=\"node\"")
			// a search is not a Next: nothing is judged yet
			.doesNotContain("id=\"gmsaName-error\"");
		body = page(identity("go", "add:NODE2$", "computerSearch", "node", "computerAccounts", "NODE1$"));
		assertThat(body).contains(">NODE1$\nNODE2$</textarea>").contains("data-account=\"NODE3$\"");
		// Adding one already listed leaves the list alone.
		assertThat(page(identity("go", "add:node1$", "computerSearch", "node", "computerAccounts", "NODE1$")))
			.contains(">NODE1$</textarea>");
		assertThat(page(identity("go", "search", "computerSearch", "zzz"))).contains("No computer account matches")
			.contains("id=\"computer-results\" hidden");
	}

	@Test
	void theComputerSearchAnswersAdminsInJsonAndRefusesAuditors() throws Exception {
		toIdentity("");
		assertThat(json(get("/wizard/identity/computers").param("q", "node2")))
			.startsWith("{\"checked\":true,\"found\":[{\"samAccountName\":\"NODE2$\",\"dnsHostName\":\"node2.contoso.com\","
					+ "\"dn\":\"CN=NODE2,CN=Computers,DC=contoso,DC=com\",\"disabled\":false}],\"truncated\":false");
		assertThat(json(get("/wizard/identity/computers").param("q", "*)(objectClass=*"))).contains("\"found\":[]");
		assertThat(this.mvc.perform(get("/wizard/identity/computers").param("q", "node")
			.with(user("auditor").roles("AUDITOR"))).andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void aComputerAccountTypedByHandThatDoesNotExistIsAnErrorOnTheMembersField() throws Exception {
		toIdentity("");
		String body = page(identity("computerAccounts", "NODE1$\nGHOST" + this.name.substring(1, 5) + "$"));
		assertThat(body).contains("id=\"computerAccounts-error\"")
			.contains("no account named GHOST" + this.name.substring(1, 5) + "$ (computer accounts end with $");
	}

	@Test
	void whenTheDirectoryIsDownTheLiveChecksSaySoAndNextStillWorks() throws Exception {
		toIdentity("");
		this.directory.outage = OUTAGE;
		assertThat(json(get("/wizard/identity/spn-check").param("spns", "HTTP/x.contoso.com")))
			.contains("\"checked\":false").contains(OUTAGE);
		assertThat(json(get("/wizard/identity/computers").param("q", "node"))).contains("\"checked\":false")
			.contains(OUTAGE);
		assertThat(page(identity("go", "search", "computerSearch", "node"))).contains("Could not search: " + OUTAGE);
		// The plan checks again before anything runs, so an unanswered check does not block the page.
		redirects(identity(), "/wizard/credspec");
	}

	@Test
	void theClusterPageShowsThePreflightForTheChosenClusterAndNamespace() throws Exception {
		toIdentity("mock");
		redirects(identity(), "/wizard/credspec");
		redirects(post("/wizard/credspec"), "/wizard/cluster");
		String first = page(get("/wizard/cluster"));
		assertThat(first).contains("id=\"run-preflight\"").doesNotContain("id=\"preflight-checks\"");
		String body = page(cluster("go", "preflight"));
		assertThat(body).contains("id=\"preflight-checks\"").contains("data-check=\"api\"").contains("data-check=\"crd\"")
			.contains("data-check=\"nodes.windows\"").contains("The CRD serves").contains("id=\"preflight-verdict\"");
		// Back on the page later, the preflight runs for what was typed without a click.
		assertThat(page(get("/wizard/cluster"))).contains("id=\"preflight-checks\"").contains("data-check=\"crd\"");
		assertThat(page(cluster("go", "preflight", "namespace", "Bad_NS"))).contains("id=\"namespace-error\"")
			.doesNotContain("id=\"preflight-checks\"");
	}

	@Test
	void exportOnlyShowsNoClusterPreflight() throws Exception {
		toIdentity("");
		redirects(identity(), "/wizard/credspec");
		redirects(post("/wizard/credspec"), "/wizard/cluster");
		redirects(cluster(), "/wizard/review");
		String body = page(get("/wizard/cluster"));
		assertThat(body).doesNotContain("id=\"cluster-preflight\"").doesNotContain("id=\"run-preflight\"");
		assertThat(page(cluster("go", "preflight"))).doesNotContain("id=\"preflight-checks\"");
	}

	private void toIdentity(String clusterConnection) throws Exception {
		redirects(form("connections", "directoryConnection", "lab", "clusterConnection", clusterConnection), "/wizard/forest");
		redirects(form("forest", "kdsRootKey", "USE_EXISTING"), "/wizard/identity");
	}

	private MockHttpServletRequestBuilder identity(String... overrides) {
		return merged("identity", overrides, "gmsaName", this.name, "dnsHostName", this.name + ".contoso.com", "spns",
				"HTTP/" + this.name + ".contoso.com", "encryptionTypes", "AES256_CTS_HMAC_SHA1_96", "groupName",
				this.name + "-hosts", "hostMode", "DOMAIN_JOINED", "computerAccounts", "NODE1$\nNODE2$");
	}

	private MockHttpServletRequestBuilder cluster(String... overrides) {
		return merged("cluster", overrides, "namespace", "apps", "serviceAccount", "webapp", "credSpecName", this.name + "-spec");
	}

	private MockHttpServletRequestBuilder merged(String step, String[] overrides, String... defaults) {
		java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
		for (int i = 0; i < defaults.length; i += 2) {
			values.put(defaults[i], defaults[i + 1]);
		}
		for (int i = 0; i < overrides.length; i += 2) {
			values.put(overrides[i], overrides[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/wizard/" + step);
		values.forEach((k, v) -> request.param(k, v));
		return request;
	}

	private MockHttpServletRequestBuilder form(String step, String... params) {
		return merged(step, params);
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = call(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getRedirectedUrl()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private String json(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = call(request.accept("application/json")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentType()).startsWith("application/json");
		return result.getResponse().getContentAsString();
	}

	private void redirects(MockHttpServletRequestBuilder request, String to) throws Exception {
		MvcResult result = call(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(to);
	}

	private org.springframework.test.web.servlet.ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.session(this.session).with(user(this.admin).roles("ADMIN")).with(csrf()));
	}

	/** The stand-in directory, whose reads can fail as they do when the DC does not answer. */
	static class SwitchableDirectory extends FakeDirectory {

		volatile @Nullable String outage;

		final java.util.concurrent.atomic.AtomicInteger statusReads = new java.util.concurrent.atomic.AtomicInteger();

		/** The SPNs of the last collision check, as the wizard asked for them. */
		volatile List<String> spnsChecked = List.of();

		private void answering() {
			if (this.outage != null) {
				throw new DirectoryException(this.outage);
			}
		}

		@Override
		public DirectoryStatus status(String connection) {
			this.statusReads.incrementAndGet();
			answering();
			return super.status(connection);
		}

		@Override
		public List<SpnConflict> spnConflicts(String connection, @Nullable String gmsaName, List<String> spns) {
			answering();
			this.spnsChecked = List.copyOf(spns);
			return super.spnConflicts(connection, gmsaName, spns);
		}

		@Override
		public Computers findComputers(String connection, String text) {
			answering();
			return super.findComputers(connection, text);
		}

		@Override
		public Ensured ensureMembership(String connection, String groupName, List<String> members, Mode mode,
				@Nullable RunRef run) {
			answering();
			return super.ensureMembership(connection, groupName, members, mode, run);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SwitchableDirectoryConfig {

		@Bean
		@Primary
		SwitchableDirectory switchableDirectory() {
			return new SwitchableDirectory();
		}

	}

}
