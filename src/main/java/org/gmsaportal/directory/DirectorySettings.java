package org.gmsaportal.directory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Directory connections, one per domain, keyed by a short name ({@code gmsa.directory.connections.<name>}).
 *
 * @param connections the configured connections; none means plan-only mode
 */
@ConfigurationProperties("gmsa.directory")
@Validated
record DirectorySettings(@DefaultValue @Valid Map<String, Connection> connections) {

	/**
	 * One domain's domain controllers and how to reach them safely.
	 *
	 * @param urls DC URLs tried in order ({@code ldaps://dc1:636} or {@code ldap://dc1:389} with start-tls)
	 * @param domain the domain's DNS name, used for user principal names ({@code user@domain})
	 * @param startTls upgrade {@code ldap://} connections with StartTLS before binding
	 * @param caFile PEM file with the CA certificate(s) that issued the DCs' certificates
	 * @param trustAllCertificates lab only: accept any certificate (the UI flags this connection)
	 * @param allowPlainLdap lab only: allow binds over {@code ldap://} without TLS
	 * @param bindUser service account for the portal's own directory work (UPN or DN)
	 * @param bindPassword its password, from the environment; never stored in the database
	 * @param bindPasswordFile alternatively, a file holding the password
	 * @param connectTimeout how long to wait for a TCP connection to a DC
	 * @param readTimeout how long to wait for a DC to answer an operation
	 * @param ou where new objects go unless a request names an OU ({@code ou.group}, {@code ou.gmsa},
	 * {@code ou.user})
	 */
	record Connection(@NotEmpty List<URI> urls, @NotBlank String domain, @DefaultValue("false") boolean startTls,
			@Nullable Path caFile, @DefaultValue("false") boolean trustAllCertificates,
			@DefaultValue("false") boolean allowPlainLdap, @Nullable String bindUser, @Nullable String bindPassword,
			@Nullable Path bindPasswordFile, @DefaultValue("5s") Duration connectTimeout,
			@DefaultValue("15s") Duration readTimeout, @DefaultValue Ou ou) {

		@ConstructorBinding
		Connection {
		}

		/** A connection that places new objects in the directory's default containers. */
		Connection(List<URI> urls, String domain, boolean startTls, @Nullable Path caFile,
				boolean trustAllCertificates, boolean allowPlainLdap, @Nullable String bindUser,
				@Nullable String bindPassword, @Nullable Path bindPasswordFile, Duration connectTimeout,
				Duration readTimeout) {
			this(urls, domain, startTls, caFile, trustAllCertificates, allowPlainLdap, bindUser, bindPassword,
					bindPasswordFile, connectTimeout, readTimeout, new Ou(null, null, null));
		}

		@Override
		public String toString() {
			return "Connection[urls=" + this.urls + ", domain=" + this.domain + ", startTls=" + this.startTls
					+ ", bindUser=" + this.bindUser + ", ou=" + this.ou + "]";
		}

	}

	/**
	 * The OUs (or containers) a connection puts new objects in; empty means the directory's default container
	 * ({@code CN=Users}, or {@code CN=Managed Service Accounts} for a gMSA). Checked when a request is planned.
	 *
	 * @param group DN for the allowed-hosts group
	 * @param gmsa DN for the gMSA
	 * @param user DN for the portable user
	 */
	record Ou(@Nullable String group, @Nullable String gmsa, @Nullable String user) {
	}

}
