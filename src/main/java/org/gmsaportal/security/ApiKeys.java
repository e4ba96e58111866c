package org.gmsaportal.security;

import org.gmsaportal.keys.SharedKeys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Provides the signing-secret cipher with its key, from the environment or a key file (as the audit
 * checkpoint key does); every instance on one database must have the same one ({@link SharedKeys}).
 */
@Configuration(proxyBeanMethods = false)
class ApiKeys {

	@Bean
	SecretCipher apiSecretCipher(ApiSettings settings, JdbcClient jdbc, @Value("${spring.datasource.url:}") String url) {
		return new SecretCipher(new SharedKeys(jdbc, url).load("gmsa.api.secret-key", settings.secretKey(),
				settings.secretKeyFile()));
	}

}
