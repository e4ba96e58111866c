package org.gmsaportal.security;

import java.io.IOException;

import org.gmsaportal.keys.KeyFiles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the signing-secret cipher with its key, from the environment or a key file (as the audit
 * checkpoint key does).
 */
@Configuration(proxyBeanMethods = false)
class ApiKeys {

	@Bean
	SecretCipher apiSecretCipher(ApiSettings settings) throws IOException {
		return new SecretCipher(key(settings));
	}

	static byte[] key(ApiSettings settings) throws IOException {
		return KeyFiles.load("gmsa.api.secret-key", settings.secretKey(), settings.secretKeyFile());
	}

}
