package org.gmsaportal.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gmsaportal.directory.Directory;
import org.gmsaportal.directory.DirectoryAuthenticationException;
import org.gmsaportal.directory.DirectoryException;
import org.gmsaportal.directory.DirectoryUser;
import org.gmsaportal.directory.DirectoryUser.DirectoryGroup;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs in AD users by binding as them over TLS, and maps their groups (nested ones too) to roles.
 */
class ActiveDirectoryAuthenticationProvider implements AuthenticationProvider {

	private final Directory directory;

	private final String connection;

	private final SecuritySettings.Ad settings;

	ActiveDirectoryAuthenticationProvider(Directory directory, String connection, SecuritySettings.Ad settings) {
		this.directory = directory;
		this.connection = connection;
		this.settings = settings;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		// The local admin's name is reserved: guesses at its password must not reach the DC (and lock out an
		// AD account of the same name).
		if (LocalAccounts.ADMIN.equalsIgnoreCase(authentication.getName().strip())) {
			throw new BadCredentialsException("invalid credentials for the local account " + LocalAccounts.ADMIN);
		}
		String password = String.valueOf(authentication.getCredentials());
		DirectoryUser user;
		try {
			user = this.directory.authenticate(this.connection, authentication.getName(), password);
		}
		catch (DirectoryAuthenticationException ex) {
			throw new BadCredentialsException(ex.reason());
		}
		catch (DirectoryException ex) {
			throw new AuthenticationServiceException("directory unavailable: " + ex.getMessage());
		}
		List<Role> roles = roles(user.groups());
		if (roles.isEmpty()) {
			throw new NotAPortalUserException(user.accountName() + " is in none of the groups "
					+ this.settings.adminGroups() + " or " + this.settings.auditorGroups());
		}
		PortalPrincipal principal = new PortalPrincipal(user.accountName(), this.connection,
				user.distinguishedName());
		return UsernamePasswordAuthenticationToken.authenticated(principal, null,
				roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
	}

	List<Role> roles(List<DirectoryGroup> groups) {
		List<Role> roles = new ArrayList<>();
		if (groups.stream().anyMatch(g -> matches(g, this.settings.adminGroups()))) {
			roles.add(Role.ADMIN);
		}
		if (groups.stream().anyMatch(g -> matches(g, this.settings.auditorGroups()))) {
			roles.add(Role.AUDITOR);
		}
		return roles;
	}

	private static boolean matches(DirectoryGroup group, List<String> configured) {
		return configured.stream().map(c -> c.strip().toLowerCase(Locale.ROOT))
			.anyMatch(c -> c.equals(group.name().toLowerCase(Locale.ROOT))
					|| c.equals(group.distinguishedName().toLowerCase(Locale.ROOT)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** The password was right but no configured group grants a role: refused, and no other source tried. */
	static class NotAPortalUserException extends AccountStatusException {

		NotAPortalUserException(String message) {
			super(message);
		}

	}

}
