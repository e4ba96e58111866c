package org.gmsaportal.provisioning;

import org.gmsaportal.support.FakeDirectory;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts the test doubles of the directory and cluster faces in place of the real modules.
 */
@TestConfiguration(proxyBeanMethods = false)
class FakePorts {

	@Bean
	@Primary
	FakeDirectory fakeDirectory() {
		return new FakeDirectory();
	}

	@Bean
	@Primary
	FakeCluster fakeCluster() {
		return new FakeCluster();
	}

}
