package org.gmsaportal.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.gmsaportal.audit.AuditTrail;
import org.gmsaportal.directory.Directory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who may do what in the browser: form sign-in, roles, CSRF, session and header hardening. The REST API
 * has its own bearer-token chain, ordered ahead of this one ({@link ApiSecurityConfig}).
 *
 * <p>
 * Authorization is by HTTP method as well as path: an AUDITOR may GET every page that shows data, and
 * every state-changing request (POST, PUT, PATCH, DELETE) needs ADMIN, so a new admin endpoint is
 * protected even if nobody remembers to add a rule for it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	// No inline script or style anywhere: every asset is served by the portal itself.
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private static final String SAME_SITE = "server.servlet.session.cookie.same-site";

	@Bean
	SecurityFilterChain webSecurity(HttpSecurity http, AuthenticationManager signIn, AuditTrail audit,
			ObjectProvider<SecuritySettings> signInSettings, Environment environment) throws Exception {
		String[] readRoles = { Role.ADMIN.name(), Role.AUDITOR.name() };
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/assets/**", "/favicon.ico", "/error", "/error/**").permitAll()
			// Load balancers probe health; /actuator/info (build and Java versions) helps an attacker, not a probe.
			.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
			// metrics name connections, step kinds and error classes: an admin's, or a scraper's by bearer token
			.requestMatchers(ApiSecurityConfig.PROMETHEUS).hasRole(Role.ADMIN.name())
			// the wizard and the pages that exist only to change something (API clients, a run's removal) are
			// ADMIN's whatever the method: HEAD and OPTIONS reach the same handlers as GET
			.requestMatchers("/wizard", "/wizard/**", "/api-clients/new", "/api-clients/*/created",
					"/api-clients/*/revoke", "/runs/*/decommission", "/runs/*/rotation")
			.hasRole(Role.ADMIN.name())
			.requestMatchers(HttpMethod.GET, "/**").hasAnyRole(readRoles)
			.requestMatchers(HttpMethod.HEAD, "/**").hasAnyRole(readRoles)
			.anyRequest().hasRole(Role.ADMIN.name()))
			.authenticationManager(signIn)
			.formLogin(form -> form.loginPage("/login").failureHandler(failureHandler()).defaultSuccessUrl("/", false))
			.logout(logout -> logout.addLogoutHandler(new AuditingLogoutHandler(audit))
				.logoutSuccessUrl("/login?logout"))
			.exceptionHandling(errors -> errors.accessDeniedHandler(new AuditingAccessDeniedHandler(audit)))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		// web slice tests import this class without the settings: no single sign-on there
		SecuritySettings settings = signInSettings.getIfAvailable();
		if (settings != null && settings.oidc().enabled()) {
			if ("strict".equalsIgnoreCase(environment.getProperty(SAME_SITE, ""))) {
				throw new IllegalStateException("gmsa.security.oidc.issuer is set, but " + SAME_SITE + " is strict: "
						+ "set GMSA_COOKIE_SAME_SITE=lax, or the provider's redirect back arrives without the session");
			}
			singleSignOn(http, settings.oidc(), new OidcSignIn(audit));
		}
		return http.build();
	}

	/**
	 * OpenID Connect sign-in beside the password one. Only the ID token's claims are kept, in the session: the
	 * provider's access token is not needed after sign-in, so it is held nowhere.
	 */
	private static void singleSignOn(HttpSecurity http, SecuritySettings.Oidc settings, OidcSignIn ends)
			throws Exception {
		OidcRegistrations registrations = new OidcRegistrations(settings);
		http.oauth2Login(sso -> sso.loginPage("/login")
			.clientRegistrationRepository(registrations)
			.authorizedClientRepository(new NotKeptAuthorizedClients())
			.successHandler(ends.success())
			.failureHandler(ends.failure()))
			.addFilterBefore(new OidcSignIn.Unavailable(registrations), OAuth2AuthorizationRequestRedirectFilter.class);
	}

	@Bean
	AuthenticationManager signIn(LocalAccounts accounts, Directory directory, SecuritySettings settings,
			AuditTrail audit, RepeatedDenials denials, JdbcClient jdbc, TransactionTemplate transactions) {
		List<AuthenticationProvider> providers = new ArrayList<>();
		String connection = settings.ad().connection();
		boolean ad = connection != null && !connection.isBlank();
		if (!settings.localAdmin() && !ad && !settings.oidc().enabled()) {
			throw new IllegalStateException("gmsa.security.local-admin=false would leave no way to sign in: configure "
					+ "gmsa.security.oidc.issuer or gmsa.security.ad.connection first, and sign in with it once");
		}
		if (settings.localAdmin()) {
			providers.add(new LocalAuthenticationProvider(accounts));
		}
		if (ad) {
			if (directory.connections().stream().noneMatch(c -> c.name().equals(connection))) {
				throw new IllegalStateException("gmsa.security.ad.connection: no directory connection named '"
						+ connection + "' (gmsa.directory.connections." + connection + ".*)");
			}
			providers.add(new ActiveDirectoryAuthenticationProvider(directory, connection, settings.ad()));
		}
		if (providers.isEmpty()) {
			// single sign-on only: a posted password is refused (and audited) like a wrong one
			providers.add(new PasswordSignInOff());
		}
		ProviderManager manager = new ProviderManager(providers);
		AuthenticationManager passwords = new AuditingAuthenticationManager(manager,
				new LoginThrottle(settings.throttle(), Clock.systemUTC(), jdbc, transactions), audit, denials);
		if (!settings.oidc().enabled()) {
			return passwords;
		}
		// The sign-in filters share this manager: the provider's answer goes to its own provider, audited by
		// OidcSignIn's handlers; the password throttle is about guessed passwords, which single sign-on never sees.
		AuthenticationManager sso = new ProviderManager(new OidcAuthorizationCodeAuthenticationProvider(
				new RestClientAuthorizationCodeTokenResponseClient(), new OidcRoles(settings.oidc())));
		return attempt -> (attempt instanceof OAuth2LoginAuthenticationToken) ? sso.authenticate(attempt)
				: passwords.authenticate(attempt);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	private static AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> {
			String reason = "error";
			if (exception instanceof LockedException) {
				reason = "locked";
			}
			else if (exception instanceof AuthenticationServiceException
					|| exception instanceof InternalAuthenticationServiceException) {
				reason = "unavailable";
			}
			response.sendRedirect(request.getContextPath() + "/login?" + reason);
		};
	}

}
