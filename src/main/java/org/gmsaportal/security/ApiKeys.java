package org.gmsaportal.security;

import org.gmsaportal.keys.SharedKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the signing-secret cipher with its key, from the environment or a key file (as the audit
 * checkpoint key does); every instance on one database must have the same one ({@link SharedKeys}).
 */
@Configuration(proxyBeanMethods = false)
class ApiKeys {

	@Bean
	SecretCipher apiSecretCipher(ApiSettings settings, SharedKeys keys) {
		return new SecretCipher(keys.load("gmsa.api.secret-key", settings.secretKey(), settings.secretKeyFile()));
	}

}
