package org.gmsaportal.api.v1;

import org.gmsaportal.security.NewApiClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Files export-only, domain-joined requests as a ticketing system would, for the tests of what happens after
 * filing (auto-approval, an engine that cannot start).
 */
final class ExportOnlyFilings {

	private ExportOnlyFilings() {
	}

	static MockHttpServletResponse file(MockMvc mvc, NewApiClient filer, String key, String body) throws Exception {
		return mvc.perform(post("/api/v1/provisioning-requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + filer.token())
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andReturn().getResponse();
	}

	/** A request for gMSA {@code name}, filed for Jira ticket {@code ticketKey}. */
	static String body(String name, String ticketKey) {
		return """
				{ "directory": "lab", "account": { "name": "%s", "encryptionTypes": ["AES256"] },
				  "hosts": { "mode": "domainJoined", "members": ["NODE1$"] },
				  "cluster": { "exportOnly": true, "namespace": "web" },
				  "ticket": { "system": "jira", "key": "%s" } }
				""".formatted(name, ticketKey);
	}

}
