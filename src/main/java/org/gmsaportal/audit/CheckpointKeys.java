package org.gmsaportal.audit;

import org.gmsaportal.keys.SharedKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the chain hasher with its checkpoint key, from the environment or a key file; every instance on one
 * database must have the same one ({@link SharedKeys}).
 */
@Configuration(proxyBeanMethods = false)
class CheckpointKeys {

	@Bean
	ChainHasher chainHasher(AuditSettings settings, SharedKeys keys) {
		return new ChainHasher(
				keys.load("gmsa.audit.checkpoint-key", settings.checkpointKey(), settings.checkpointKeyFile()));
	}

}
