package org.gmsaportal.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Maps the groups (or roles) claim of a single sign-on user to ADMIN and AUDITOR as {@link
 * ActiveDirectoryAuthenticationProvider} maps AD groups; a user with neither is refused. The signed-in user holds
 * only those roles: not the provider's scopes, which mean something else in the portal (API client scopes).
 */
class OidcRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

	static final String NOT_A_PORTAL_USER = "not_a_portal_user";

	private final OidcUserService delegate = new OidcUserService();

	private final SecuritySettings.Oidc settings;

	OidcRoles(SecuritySettings.Oidc settings) {
		this.settings = settings;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.delegate.loadUser(request);
		String nameClaim = (user.getClaims().get(this.settings.usernameClaim()) != null) ? this.settings.usernameClaim()
				: IdTokenClaimNames.SUB;
		String name = String.valueOf(user.getClaims().get(nameClaim));
		List<Role> roles = roles(values(user.getClaims().get(this.settings.groupsClaim())));
		if (roles.isEmpty()) {
			throw new NotAPortalUser(name, name + " holds none of " + this.settings.adminGroups() + " or "
					+ this.settings.auditorGroups() + " in the claim " + this.settings.groupsClaim());
		}
		return new DefaultOidcUser(roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
				user.getIdToken(), user.getUserInfo(), nameClaim);
	}

	List<Role> roles(List<String> groups) {
		List<Role> roles = new ArrayList<>();
		if (matchesAny(groups, this.settings.adminGroups())) {
			roles.add(Role.ADMIN);
		}
		if (matchesAny(groups, this.settings.auditorGroups())) {
			roles.add(Role.AUDITOR);
		}
		return roles;
	}

	private static boolean matchesAny(List<String> groups, List<String> configured) {
		return configured.stream().map(c -> c.strip().toLowerCase(Locale.ROOT))
			.anyMatch(c -> groups.stream().anyMatch(g -> g.strip().toLowerCase(Locale.ROOT).equals(c)));
	}

	/** Providers send a list, or a single string when the user is in one group (ADFS). */
	private static List<String> values(@Nullable Object claim) {
		if (claim instanceof Collection<?> many) {
			return many.stream().map(String::valueOf).toList();
		}
		return (claim != null) ? List.of(String.valueOf(claim)) : List.of();
	}

	/** Signed in at the provider, but no configured group gives a portal role. */
	static class NotAPortalUser extends OAuth2AuthenticationException {

		private final String user;

		NotAPortalUser(String user, String message) {
			super(new OAuth2Error(NOT_A_PORTAL_USER), message);
			this.user = user;
		}

		String user() {
			return this.user;
		}

	}

}
