package org.gmsaportal.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Refuses every password when neither the local admin nor AD sign-in is on (single sign-on only). */
class PasswordSignInOff implements AuthenticationProvider {

	@Override
	public Authentication authenticate(Authentication authentication) {
		throw new BadCredentialsException("password sign-in is switched off (gmsa.security.local-admin=false, "
				+ "no gmsa.security.ad.connection)");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
