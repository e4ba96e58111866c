package org.gmsaportal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells the sign-in page what to offer; apart from SecurityConfig, which web slice tests import on its own. */
@Configuration(proxyBeanMethods = false)
class SignInOptionsConfig {

	@Bean
	SignInOptions signInOptions(SecuritySettings settings) {
		return SignInOptions.of(settings);
	}

}
