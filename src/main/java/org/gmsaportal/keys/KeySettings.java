package org.gmsaportal.keys;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The data key: it encrypts what several instances must share through the database but the database must not
 * read, the signed-in sessions' attributes and a generated password waiting for its one showing.
 *
 * @param dataKey at least 32 characters, from the environment ({@code GMSA_KEYS_DATA_KEY}); the same on every instance
 * @param dataKeyFile used when no key is given: a mounted file; created with a random key at first start only on
 * the embedded H2 database
 */
@ConfigurationProperties("gmsa.keys")
@Validated
record KeySettings(@Nullable String dataKey, @DefaultValue("./data/data.key") Path dataKeyFile) {

	@Override
	public String toString() {
		return "KeySettings[dataKeyFile=" + this.dataKeyFile + "]";
	}

}
