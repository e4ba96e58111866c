package org.gmsaportal.audit;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit trail.
 *
 * @param checkpointKey secret that signs the chain head (at least 32 characters), from the environment;
 * keep it outside the database so that a DBA cannot sign a new head after deleting events (an old head
 * they saved earlier stays valid: anchoring heads outside the portal is what closes that gap)
 * @param checkpointKeyFile used when no key is given: read, or created with a random key at first start;
 * the default sits beside the H2 database, so production should set the key or move the file
 */
@ConfigurationProperties("gmsa.audit")
@Validated
record AuditSettings(@Nullable String checkpointKey,
		@DefaultValue("./data/audit-checkpoint.key") Path checkpointKeyFile) {

	@Override
	public String toString() {
		return "AuditSettings[checkpointKeyFile=" + this.checkpointKeyFile + "]";
	}

}
