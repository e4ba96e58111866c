package org.gmsaportal.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit trail.
 *
 * @param checkpointKey secret that HMAC-signs the chain head in the database (at least 32 characters), from the
 * environment; it catches a head edited by hand, but not one re-signed by whoever can read this key
 * @param checkpointKeyFile used when no HMAC key is given: read, or created with a random key at first start;
 * the default sits beside the H2 database
 * @param checkpointSigningKey the Ed25519 key pair that signs checkpoints (PEM, private then public block), from
 * the environment ({@code GMSA_AUDIT_CHECKPOINT_SIGNING_KEY}); never stored in the database
 * @param checkpointSigningKeyFile the same as a file, used when no key is given; refused inside the database's
 * directory. Created at first start only on the embedded H2 database (development); otherwise it must exist
 * @param checkpointDirectory where checkpoints are published, one file each, never overwritten; put it on another
 * volume or WORM storage the database's writers cannot change; refused inside the database's directory
 * @param checkpointInterval how often the head is checkpointed when it has moved
 * @param databaseDirectory the directory holding the database's files, for the checks above; derived from an H2
 * file URL when not set
 */
@ConfigurationProperties("gmsa.audit")
@Validated
record AuditSettings(@Nullable String checkpointKey,
		@DefaultValue("./data/audit-checkpoint.key") Path checkpointKeyFile, @Nullable String checkpointSigningKey,
		@DefaultValue("./audit-keys/checkpoint-signing-key.pem") Path checkpointSigningKeyFile,
		@DefaultValue("./audit-checkpoints") Path checkpointDirectory,
		@DefaultValue("PT5M") Duration checkpointInterval, @Nullable Path databaseDirectory) {

	@Override
	public String toString() {
		return "AuditSettings[checkpointKeyFile=" + this.checkpointKeyFile + ", checkpointSigningKeyFile="
				+ this.checkpointSigningKeyFile + ", checkpointDirectory=" + this.checkpointDirectory + "]";
	}

}
