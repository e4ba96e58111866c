package org.gmsaportal.directory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import jakarta.annotation.PreDestroy;

import org.gmsaportal.directory.internal.ThreadBoundSocketFactory;
import org.gmsaportal.directory.internal.TlsSocketFactories;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ldap.core.support.DefaultTlsDirContextAuthenticationStrategy;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.ldap.core.support.SimpleDirContextAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * The configured directory connections, by name. None configured means plan-only mode.
 * <p>
 * Not part of the module's face ({@link Directory}): public only because the lab tests of other modules read
 * the DC through it. Main code outside this module uses {@link Directory}.
 */
@Component
public class DirectoryConnections {

	private static final Logger logger = LoggerFactory.getLogger(DirectoryConnections.class);

	private final Map<String, DirectoryConnection> connections = new LinkedHashMap<>();

	DirectoryConnections(DirectorySettings settings) {
		settings.connections().forEach((name, connection) -> {
			DirectoryConnection built = build(name, connection);
			if (built.refusal() != null) {
				logger.warn("Directory connection '{}' is unusable: {}", name, built.refusal());
			}
			this.connections.put(name, built);
		});
	}

	@PreDestroy
	void closeIdleSessions() {
		this.connections.values().forEach(DirectoryConnection::closeIdleSessions);
	}

	public Optional<DirectoryConnection> find(String name) {
		return Optional.ofNullable(this.connections.get(name));
	}

	Collection<DirectoryConnection> all() {
		return this.connections.values();
	}

	static DirectoryConnection build(String name, DirectorySettings.Connection settings) {
		SSLSocketFactory socketFactory = TlsSocketFactories.forSettings(settings.caFile(),
				settings.trustAllCertificates());
		LdapContextSource source = new LdapContextSource();
		source.setUrls(settings.urls().stream().map(Object::toString).toArray(String[]::new));
		source.setPooled(false);
		source.setAnonymousReadOnly(true);
		Map<String, Object> env = new LinkedHashMap<>();
		env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(settings.connectTimeout().toMillis()));
		env.put("com.sun.jndi.ldap.read.timeout", Long.toString(settings.readTimeout().toMillis()));
		env.put("java.naming.referral", "ignore");
		// JNDI would otherwise decode these octet strings as (broken) text.
		env.put("java.naming.ldap.attributes.binary", "objectSid objectGUID tokenGroups msDS-GroupMSAMembership "
				+ "msDS-ManagedPassword msKds-RootKeyData msKds-KDFParam msKds-SecretAgreementParam");
		String refusal = refusal(name, settings);
		boolean ldaps = scheme(settings).equals("ldaps");
		if (ldaps) {
			env.put("java.naming.ldap.factory.socket", ThreadBoundSocketFactory.class.getName());
		}
		source.setBaseEnvironmentProperties(env);
		if (!ldaps && settings.startTls()) {
			DefaultTlsDirContextAuthenticationStrategy startTls = new DefaultTlsDirContextAuthenticationStrategy();
			startTls.setSslSocketFactory(socketFactory);
			if (settings.trustAllCertificates()) {
				startTls.setHostnameVerifier((host, session) -> true);
			}
			source.setAuthenticationStrategy(startTls);
		}
		else {
			source.setAuthenticationStrategy(new SimpleDirContextAuthenticationStrategy());
		}
		source.afterPropertiesSet();
		return new DirectoryConnection(name, settings, source, socketFactory, refusal);
	}

	private static @Nullable String refusal(String name, DirectorySettings.Connection settings) {
		String prefix = "gmsa.directory.connections." + name;
		if (settings.urls().stream().map(u -> String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT)).distinct()
			.count() > 1) {
			return prefix + ".urls: all URLs must use the same scheme (ldaps:// or ldap://)";
		}
		String scheme = scheme(settings);
		if (!scheme.equals("ldaps") && !scheme.equals("ldap")) {
			return prefix + ".urls: scheme must be ldaps:// or ldap://, not " + scheme + "://";
		}
		if (scheme.equals("ldap") && !settings.startTls() && !settings.allowPlainLdap()) {
			return prefix + ".urls: plain LDAP would send passwords in clear text; use ldaps://, set "
					+ prefix + ".start-tls=true, or (lab only) " + prefix + ".allow-plain-ldap=true";
		}
		return null;
	}

	private static String scheme(DirectorySettings.Connection settings) {
		return String.valueOf(settings.urls().get(0).getScheme()).toLowerCase(Locale.ROOT);
	}

}
