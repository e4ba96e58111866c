package org.gmsaportal.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts {@link StandInDirectory} in place of the directory module's face, for tests without a domain controller.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StandInDirectoryConfig {

	@Bean
	@Primary
	StandInDirectory standInDirectory() {
		return new StandInDirectory();
	}

}
