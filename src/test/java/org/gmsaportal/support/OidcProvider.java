package org.gmsaportal.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization Server in this JVM, on a random
 * loopback port, with its own sign-in form and three users whose ID tokens carry a {@code groups} claim. Its issuer
 * is {@code http://localhost:<port>} and the portal runs on 127.0.0.1, so the two are different sites, as a
 * provider and a portal are in production (cookies, SameSite).
 */
public final class OidcProvider implements AutoCloseable {

	public static final String CLIENT_ID = "gmsa-portal";

	public static final String CLIENT_SECRET = "test-oidc-client-secret";

	/** Users and their password; the groups go into the {@code groups} claim. */
	public static final String PASSWORD = "test-oidc-password";

	public static final String ADMIN = "ada.admin";

	public static final String AUDITOR = "otto.auditor";

	public static final String NOBODY = "nina.nogroup";

	private final ConfigurableApplicationContext context;

	private final int port;

	private OidcProvider(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Starts the provider; the portal's redirect URI is registered later ({@link #allowRedirect}), once the
	 * portal's own random port is known.
	 */
	public static OidcProvider start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
			.web(WebApplicationType.SERVLET)
			// none of the portal's application.properties: this is another application
			.properties("spring.config.name=oidc-provider", "server.port=0", "server.address=127.0.0.1",
					"spring.main.banner-mode=off", "server.servlet.session.cookie.name=PROVIDERSESSION")
			.run();
		return new OidcProvider(context);
	}

	public String issuer() {
		return "http://localhost:" + this.port;
	}

	/** Registers the portal's client with its redirect URI, e.g. {@code http://127.0.0.1:8080/login/oauth2/code/oidc}. */
	public void allowRedirect(String redirectUri) {
		this.context.getBean(InMemoryRegisteredClientRepository.class)
			.save(RegisteredClient.withId("portal")
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(redirectUri)
				.scope(OidcScopes.OPENID)
				.scope(OidcScopes.PROFILE)
				.scope(OidcScopes.EMAIL)
				.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
				.build());
	}

	@Override
	public void close() {
		this.context.close();
	}

	// No @Configuration: the portal's own component scan covers this package, and must not find the provider.
	@EnableWebSecurity
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			ErrorMvcAutoConfiguration.class, SecurityFilterAutoConfiguration.class })
	static class Provider {

		@Bean
		SecurityFilterChain provider(HttpSecurity http, InMemoryRegisteredClientRepository clients,
				AuthorizationServerSettings settings) throws Exception {
			http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.oauth2AuthorizationServer(server -> server.registeredClientRepository(clients)
					.authorizationServerSettings(settings)
					.oidc(Customizer.withDefaults()))
				.formLogin(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		InMemoryRegisteredClientRepository clients() {
			// a placeholder until the portal's port is known; allowRedirect replaces it (same id)
			return new InMemoryRegisteredClientRepository(RegisteredClient.withId("portal")
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("http://127.0.0.1/not-yet")
				.scope(OidcScopes.OPENID)
				.build());
		}

		@Bean
		AuthorizationServerSettings settings() {
			// no fixed issuer: it is taken from the request, http://localhost:<port>, as the portal is told
			return AuthorizationServerSettings.builder().build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(user(ADMIN, "GmsaPortal-Admins", "Staff"),
					user(AUDITOR, "GmsaPortal-Auditors"), user(NOBODY, "Staff"));
		}

		private static org.springframework.security.core.userdetails.UserDetails user(String name, String... groups) {
			return User.withUsername(name)
				.password("{noop}" + PASSWORD)
				.authorities(java.util.Arrays.stream(groups).map(g -> "GROUP_" + g).toArray(String[]::new))
				.build();
		}

		/** The groups claim and a user name in the ID token, as Entra ID, Keycloak and Okta can be set to send. */
		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim() {
			return context -> {
				if ("id_token".equals(context.getTokenType().getValue())) {
					List<String> groups = context.getPrincipal().getAuthorities().stream()
						.map(GrantedAuthority::getAuthority)
						.filter(a -> a.startsWith("GROUP_"))
						.map(a -> a.substring("GROUP_".length()))
						.toList();
					context.getClaims().claim("groups", groups);
					context.getClaims().claim("preferred_username", context.getPrincipal().getName());
				}
			};
		}

		/** The user info endpoint checks the access token the portal presents with it. */
		@Bean
		JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
			return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
		}

		@Bean
		JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
				.privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

	}

}
