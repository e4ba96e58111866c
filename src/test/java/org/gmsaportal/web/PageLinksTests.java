package org.gmsaportal.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pages render their links without resolving each against the static resource chain (issue 18), while the
 * portal's assets and springdoc's UI, which the chain serves, still load.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PageLinksTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	List<FilterRegistrationBean<?>> registrations;

	@Test
	void noFilterResolvesEveryRenderedLinkAgainstTheResourceChain() {
		assertThat(this.registrations)
			.filteredOn(registration -> registration.getFilter() instanceof ResourceUrlEncodingFilter)
			.allSatisfy(registration -> assertThat(registration.isEnabled()).isFalse());
	}

	@Test
	void pagesLinkTheirAssetsAndTheAssetsLoad() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"/assets/app.css\"")));
		this.mvc.perform(get("/assets/app.css")).andExpect(status().isOk());
		this.mvc.perform(get("/assets/app.js")).andExpect(status().isOk());
	}

	@Test
	void springdocsUiLoadsWithItsAssets() throws Exception {
		this.mvc.perform(get("/swagger-ui/index.html").with(user("docs").roles("AUDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("swagger-ui")));
		this.mvc.perform(get("/swagger-ui/swagger-ui.css").with(user("docs").roles("AUDITOR")))
			.andExpect(status().isOk());
		this.mvc.perform(get("/swagger-ui/swagger-initializer.js").with(user("docs").roles("AUDITOR")))
			.andExpect(status().isOk());
	}

}
