package org.gmsaportal.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts {@link FakeDirectory} in place of the directory module's face, for the web, API and callbacks tests without
 * a domain controller; the same flows run against the Samba lab DC in the lab tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeDirectoryConfig {

	@Bean
	@Primary
	FakeDirectory standInDirectory() {
		return new FakeDirectory();
	}

}
