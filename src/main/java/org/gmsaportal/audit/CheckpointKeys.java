package org.gmsaportal.audit;

import java.io.IOException;

import org.gmsaportal.keys.KeyFiles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the chain hasher with its checkpoint key, from the environment or a key file.
 */
@Configuration(proxyBeanMethods = false)
class CheckpointKeys {

	@Bean
	ChainHasher chainHasher(AuditSettings settings) throws IOException {
		return new ChainHasher(key(settings));
	}

	static byte[] key(AuditSettings settings) throws IOException {
		return KeyFiles.load("gmsa.audit.checkpoint-key", settings.checkpointKey(), settings.checkpointKeyFile());
	}

}
