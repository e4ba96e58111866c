package org.gmsaportal.directory;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether a principal could read a gMSA's managed password, as ccg.exe on a node would.
 *
 * @param retrieved true if the DC handed out msDS-ManagedPassword
 * @param gmsa the gMSA's DN (or name when it was not found)
 * @param principal the principal that tried
 * @param password the blob's metadata when retrieved, else {@code null}
 * @param explanation the verdict in words
 * @param missingPreconditions on failure, each precondition found missing, with its fix
 */
record ProofResult(boolean retrieved, String gmsa, String principal, @Nullable ManagedPasswordInfo password,
		String explanation, List<String> missingPreconditions) {
}
