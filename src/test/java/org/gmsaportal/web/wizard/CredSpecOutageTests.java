package org.gmsaportal.web.wizard;

import org.gmsaportal.credspec.DomainIdentity;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.support.FakeDirectory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The credspec page while the domain controller does not answer: the directory's message in an alert, no 500,
 * and Next stays on the page.
 */
@SpringBootTest(properties = { "gmsa.directory.connections.lab.urls=ldaps://dc1.lab.test:636",
		"gmsa.directory.connections.lab.domain=lab.test" },
		classes = { org.gmsaportal.GmsaPortalApplication.class, CredSpecOutageTests.UnreachableDirectoryConfig.class })
@AutoConfigureMockMvc
class CredSpecOutageTests {

	private static final String OUTAGE = "dc1.lab.test:636 did not answer within 5 seconds; check the network path to the DC";

	@Autowired
	MockMvc mvc;

	@Test
	void anUnreachableDirectoryIsShownInAnAlertAndNextStaysOnThePage() throws Exception {
		MockHttpSession session = new MockHttpSession();
		perform(session, form("connections", "directoryConnection", "lab", "clusterConnection", ""));
		perform(session, form("forest", "kdsRootKey", "USE_EXISTING"));
		perform(session, form("identity", "gmsaName", "outage1", "dnsHostName", "outage1.contoso.com",
				"encryptionTypes", "AES256_CTS_HMAC_SHA1_96", "groupName", "outage1-hosts", "hostMode", "DOMAIN_JOINED",
				"computerAccounts", "NODE1$")).andExpect(redirectedUrl("/wizard/credspec"));
		perform(session, get("/wizard/credspec")).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"directory-error\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(OUTAGE)))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"credspec-json\""))));
		perform(session, post("/wizard/credspec")).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(OUTAGE)));
	}

	private static MockHttpServletRequestBuilder form(String step, String... params) {
		MockHttpServletRequestBuilder request = post("/wizard/" + step);
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return request;
	}

	private org.springframework.test.web.servlet.ResultActions perform(MockHttpSession session,
			MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.session(session).with(user("admin-outage").roles("ADMIN")).with(csrf()));
	}

	/** The stand-in directory, except that reading the domain facts fails as an unreachable DC does. */
	@TestConfiguration(proxyBeanMethods = false)
	static class UnreachableDirectoryConfig {

		@Bean
		@Primary
		FakeDirectory unreachableDirectory() {
			return new FakeDirectory() {
				@Override
				public DomainIdentity domainFacts(String connection) {
					throw new DirectoryException(OUTAGE);
				}
			};
		}

	}

}
