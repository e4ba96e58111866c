package org.gmsaportal.audit;

import org.gmsaportal.keys.SharedKeys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Provides the chain hasher with its checkpoint key, from the environment or a key file; every instance on one
 * database must have the same one ({@link SharedKeys}).
 */
@Configuration(proxyBeanMethods = false)
class CheckpointKeys {

	@Bean
	ChainHasher chainHasher(AuditSettings settings, JdbcClient jdbc, @Value("${spring.datasource.url:}") String url) {
		return new ChainHasher(new SharedKeys(jdbc, url).load("gmsa.audit.checkpoint-key", settings.checkpointKey(),
				settings.checkpointKeyFile()));
	}

}
