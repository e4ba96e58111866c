package org.gmsaportal.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Signs in local accounts (the bootstrap admin) against their stored password hashes.
 */
class LocalAuthenticationProvider implements AuthenticationProvider {

	private final LocalAccounts accounts;

	LocalAuthenticationProvider(LocalAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		return this.accounts.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()))
			.orElseThrow(() -> new BadCredentialsException("invalid credentials"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
