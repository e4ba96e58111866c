package org.gmsaportal.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Single sign-on settings bind from properties, are refused when incomplete, and the local admin cannot be switched
 * off while nothing else can sign in; group claim values map to roles as AD groups do.
 */
class SingleSignOnSettingsTests {

	private static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	@Test
	void ssoIsOffUntilAnIssuerIsSetAndTheLocalAdminIsOnByDefault() {
		SecuritySettings settings = bind(Map.of());

		assertThat(settings.oidc().enabled()).isFalse();
		assertThat(settings.localAdmin()).isTrue();
		assertThat(SignInOptions.of(settings)).isEqualTo(new SignInOptions(true, null, OidcSignIn.START));
	}

	@Test
	void anIssuerWithoutAClientSecretIsRefusedNamingTheSettings() {
		SecuritySettings settings = bind(Map.of("gmsa.security.oidc.issuer", "https://login.example.com/t/v2.0",
				"gmsa.security.oidc.client-id", "portal"));

		Set<ConstraintViolation<SecuritySettings>> violations = validator.validate(settings);

		assertThat(violations).extracting(ConstraintViolation::getMessage)
			.containsExactly("with an issuer set, set client-id and exactly one of client-secret "
					+ "(GMSA_SECURITY_OIDC_CLIENT_SECRET) or client-secret-file");
	}

	@Test
	void theSecretIsNeverInTheSettingsText() {
		SecuritySettings settings = bind(Map.of("gmsa.security.oidc.issuer", "https://login.example.com/t/v2.0",
				"gmsa.security.oidc.client-id", "portal", "gmsa.security.oidc.client-secret", "never-shown-secret"));

		assertThat(validator.validate(settings)).isEmpty();
		assertThat(settings.toString()).contains("portal").doesNotContain("never-shown-secret");
	}

	@Test
	void switchingTheLocalAdminOffWithNoOtherSignInIsRefused() {
		SecuritySettings settings = bind(Map.of("gmsa.security.local-admin", "false"));

		assertThatIllegalStateException()
			.isThrownBy(() -> new SecurityConfig().signIn(null, null, settings, null, null, null, null))
			.withMessageContaining("gmsa.security.local-admin=false would leave no way to sign in");
	}

	@Test
	void withSsoOnlyThePageOffersNoPasswordForm() {
		SecuritySettings settings = bind(Map.of("gmsa.security.local-admin", "false", "gmsa.security.oidc.issuer",
				"https://login.example.com/t/v2.0", "gmsa.security.oidc.display-name", "Entra ID"));

		assertThat(SignInOptions.of(settings)).isEqualTo(new SignInOptions(false, "Entra ID", OidcSignIn.START));
	}

	@Test
	void groupClaimValuesMapToRolesIgnoringCase() {
		OidcRoles roles = new OidcRoles(bind(Map.of("gmsa.security.oidc.admin-groups", "3f2a-admins-object-id")).oidc());

		assertThat(roles.roles(List.of("3F2A-ADMINS-OBJECT-ID", "other"))).containsExactly(Role.ADMIN);
		assertThat(roles.roles(List.of("gmsaportal-auditors"))).containsExactly(Role.AUDITOR);
		assertThat(roles.roles(List.of("Staff"))).isEmpty();
	}

	private static SecuritySettings bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("gmsa.security",
				SecuritySettings.class);
	}

}
