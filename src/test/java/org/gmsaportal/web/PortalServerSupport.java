package org.gmsaportal.web;

import org.gmsaportal.support.LabServices;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real portal on a random port, signed in against the Samba lab DC: shared by the HTTP and browser
 * tests so that they run against one server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class PortalServerSupport {

	@LocalServerPort
	int port;

	@BeforeAll
	static void requireLabDc() {
		LabServices.dc("GMSA_LAB_LDAPS_URL");
	}

	@DynamicPropertySource
	static void labDirectory(DynamicPropertyRegistry registry) {
		LabServices.registerLabDirectory(registry);
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
