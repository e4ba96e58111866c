package org.gmsaportal.security;

import java.io.IOException;
import java.nio.file.Files;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The portal's one OpenID Connect client, read from the provider's discovery document on first use rather than at
 * start: a provider that is down at start-up must not keep the portal (and its local and AD sign-in) from starting.
 * A failed discovery is tried again on the next sign-in.
 */
class OidcRegistrations implements ClientRegistrationRepository {

	static final String REGISTRATION_ID = "oidc";

	private static final Logger logger = LoggerFactory.getLogger(OidcRegistrations.class);

	private final SecuritySettings.Oidc settings;

	private volatile @Nullable ClientRegistration registration;

	OidcRegistrations(SecuritySettings.Oidc settings) {
		this.settings = settings;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		if (!REGISTRATION_ID.equals(registrationId)) {
			return null;
		}
		ClientRegistration found = this.registration;
		if (found == null) {
			found = discover();
			this.registration = found;
		}
		return found;
	}

	private @Nullable ClientRegistration discover() {
		String issuer = String.valueOf(this.settings.issuer());
		try {
			return ClientRegistrations.fromIssuerLocation(issuer)
				.registrationId(REGISTRATION_ID)
				.clientId(this.settings.clientId())
				.clientSecret(secret())
				.scope(this.settings.scopes())
				.userNameAttributeName(this.settings.usernameClaim())
				.clientName(this.settings.displayName())
				.build();
		}
		catch (RuntimeException ex) {
			// The exception's message is the provider's; the class says enough and carries no secret.
			logger.warn("Single sign-on unavailable: the discovery document of {} could not be read ({})", issuer,
					ex.getClass().getSimpleName());
			return null;
		}
	}

	private String secret() {
		if (this.settings.clientSecretFile() == null) {
			return String.valueOf(this.settings.clientSecret());
		}
		try {
			return Files.readString(this.settings.clientSecretFile()).strip();
		}
		catch (IOException ex) {
			throw new IllegalStateException("gmsa.security.oidc.client-secret-file: "
					+ this.settings.clientSecretFile() + " cannot be read");
		}
	}

}
