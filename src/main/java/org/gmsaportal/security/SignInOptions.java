package org.gmsaportal.security;

import org.jspecify.annotations.Nullable;

/**
 * What the sign-in page offers, as configured.
 *
 * @param password whether a user name and password can sign in (the local admin, or AD users)
 * @param ssoName the single sign-on provider's name for "Sign in with ...", or null without single sign-on
 * @param ssoPath where the single sign-on link points
 */
public record SignInOptions(boolean password, @Nullable String ssoName, String ssoPath) {

	static SignInOptions of(SecuritySettings settings) {
		boolean ad = settings.ad().connection() != null && !settings.ad().connection().isBlank();
		return new SignInOptions(settings.localAdmin() || ad,
				settings.oidc().enabled() ? settings.oidc().displayName() : null, OidcSignIn.START);
	}

}
