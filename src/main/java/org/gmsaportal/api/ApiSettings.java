package org.gmsaportal.api;

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
 */
@ConfigurationProperties("gmsa.api")
@Validated
record ApiSettings(@Nullable String secretKey, @DefaultValue("./data/api-secret.key") Path secretKeyFile) {

	@Override
	public String toString() {
		return "ApiSettings[secretKeyFile=" + this.secretKeyFile + "]";
	}

}
