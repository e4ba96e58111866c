package org.gmsaportal.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings.
 *
 * @param adminPassword password of the local bootstrap admin ({@code PORTAL_ADMIN_PASSWORD}); when unset,
 * one is generated at first start and printed once
 * @param ad sign-in of Active Directory users
 * @param throttle how repeated sign-in failures are slowed down
 * @param oidc single sign-on with an OpenID Connect provider
 * @param localAdmin whether the local bootstrap admin may sign in ({@code gmsa.security.local-admin}); switch it
 * off once single sign-on or AD sign-in works: the portal refuses to start with it off and neither configured
 */
@ConfigurationProperties("gmsa.security")
@Validated
record SecuritySettings(@Nullable String adminPassword, @DefaultValue @Valid Ad ad,
		@DefaultValue @Valid Throttle throttle, @DefaultValue @Valid Oidc oidc,
		@DefaultValue("true") boolean localAdmin) {

	@Override
	public String toString() {
		return "SecuritySettings[ad=" + this.ad + ", throttle=" + this.throttle + ", oidc=" + this.oidc
				+ ", localAdmin=" + this.localAdmin + "]";
	}

	/**
	 * Active Directory sign-in.
	 *
	 * @param connection name of the directory connection users sign in against; unset means local only
	 * @param adminGroups AD groups (cn or DN) whose members, nested included, get ADMIN
	 * @param auditorGroups AD groups whose members get AUDITOR
	 */
	record Ad(@Nullable String connection, @DefaultValue("GmsaPortal-Admins") List<String> adminGroups,
			@DefaultValue("GmsaPortal-Auditors") List<String> auditorGroups) {
	}

	/**
	 * Sign-in throttling.
	 *
	 * @param maxFailuresPerUser failures of one user name within the window before it is locked
	 * @param maxFailuresPerAddress failures from one client address within the window before it is locked
	 * @param window how far back failures count
	 * @param lockout how long a locked user name or address is refused
	 */
	record Throttle(@DefaultValue("5") @Min(1) int maxFailuresPerUser,
			@DefaultValue("20") @Min(1) int maxFailuresPerAddress, @DefaultValue("15m") Duration window,
			@DefaultValue("15m") Duration lockout) {
	}

	/**
	 * Single sign-on with OpenID Connect (Entra ID, ADFS, Keycloak, Okta); off while {@code issuer} is empty.
	 *
	 * @param issuer the provider's issuer URL, exactly as its discovery document states it
	 * @param clientId the portal's client id at the provider
	 * @param clientSecret the client secret, from the environment ({@code GMSA_SECURITY_OIDC_CLIENT_SECRET}); or
	 * @param clientSecretFile a file holding it (a mounted secret)
	 * @param displayName the provider's name on the sign-in page: "Sign in with <name>"
	 * @param groupsClaim the ID token (or user info) claim listing the user's groups or roles
	 * @param adminGroups claim values that give ADMIN (Entra ID sends group object ids)
	 * @param auditorGroups claim values that give AUDITOR
	 * @param usernameClaim the claim shown as the user's name and in the audit trail ({@code sub} when absent)
	 * @param scopes scopes asked for; {@code openid} is required
	 */
	record Oidc(@Nullable URI issuer, @Nullable String clientId, @Nullable String clientSecret,
			@Nullable Path clientSecretFile, @DefaultValue("single sign-on") String displayName,
			@DefaultValue("groups") String groupsClaim,
			@DefaultValue("GmsaPortal-Admins") List<String> adminGroups,
			@DefaultValue("GmsaPortal-Auditors") List<String> auditorGroups,
			@DefaultValue("preferred_username") String usernameClaim,
			@DefaultValue({ "openid", "profile", "email" }) List<String> scopes) {

		boolean enabled() {
			return this.issuer != null;
		}

		@AssertTrue(message = "with an issuer set, set client-id and exactly one of client-secret "
				+ "(GMSA_SECURITY_OIDC_CLIENT_SECRET) or client-secret-file")
		boolean isClientComplete() {
			return !enabled() || (this.clientId != null && !this.clientId.isBlank()
					&& (this.clientSecret != null && !this.clientSecret.isBlank()) != (this.clientSecretFile != null));
		}

		@AssertTrue(message = "must include openid")
		boolean isScopesOpenid() {
			return this.scopes.contains("openid");
		}

		@Override
		public String toString() {
			return "Oidc[issuer=" + this.issuer + ", clientId=" + this.clientId + ", groupsClaim=" + this.groupsClaim
					+ ", adminGroups=" + this.adminGroups + ", auditorGroups=" + this.auditorGroups + "]";
		}

	}

}
