package org.gmsaportal.security;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the REST API.
 *
 * @param secretKey key (at least 32 characters) that encrypts the API clients' webhook signing secrets,
 * from the environment; kept outside the database so a database dump does not reveal the secrets
 * @param secretKeyFile used when no key is given: read, or created with a random key at first start
 * @param approval whether API-filed requests always wait for an approval ({@code required}, the default) or
 * those of clients an ADMIN marked auto-approve are approved at filing ({@code per-client})
 */
@ConfigurationProperties("gmsa.api")
@Validated
record ApiSettings(@Nullable String secretKey, @DefaultValue("./data/api-secret.key") Path secretKeyFile,
		@DefaultValue("required") Approval approval) {

	/** The approval policy for API-filed requests. */
	enum Approval {

		/** Every request waits for another client with {@code requests:approve} or an ADMIN. */
		REQUIRED,

		/** Requests of clients marked auto-approve are approved, and their runs started, when they are filed. */
		PER_CLIENT

	}

	@Override
	public String toString() {
		return "ApiSettings[secretKeyFile=" + this.secretKeyFile + ", approval=" + this.approval + "]";
	}

}
