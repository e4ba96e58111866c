package org.gmsaportal.secretstores.aws;

import org.gmsaportal.credspec.AwsPlugin;
import org.gmsaportal.secretstores.SecretStoreException;

/**
 * The parts of the AWS plug-in's {@code credentialArn} that the SDK needs: the region to call and the secret's
 * name. {@link AwsPlugin} has already checked the ARN's form.
 *
 * @param arn the whole ARN, as the node's plug-in reads it; the {@code SecretId} of every call
 * @param region the region in the ARN, where the secret lives
 * @param account the account in the ARN
 * @param name the secret's name (what follows {@code secret:}), the {@code Name} a new secret is created with
 */
record SecretArn(String arn, String region, String account, String name) {

	/** The part of an ARN's resource that precedes a Secrets Manager secret's name. */
	private static final String SECRET = "secret:";

	/**
	 * Reads the ARN of the plug-in's input.
	 * @throws SecretStoreException (INVALID_NAME) for an SSM parameter ARN: AWS documents the domainless gMSA
	 * user's credentials in a Secrets Manager secret only (the SSM ARN of its documentation is the credential
	 * spec's own location), so the portal does not write one the plug-in may never read
	 */
	static SecretArn of(AwsPlugin plugin) {
		String arn = plugin.credentialArn();
		// arn:<partition>:<service>:<region>:<account>:<resource>; the resource may itself hold ':'
		String[] parts = arn.split(":", 6);
		if (!"secretsmanager".equals(parts[2]) || !parts[5].startsWith(SECRET)) {
			throw new SecretStoreException(AwsSecretsManagerStore.DISPLAY_NAME,
					SecretStoreException.Reason.INVALID_NAME, "credentialArn " + arn + " is not an AWS Secrets "
							+ "Manager secret. AWS documents the domainless gMSA user's credentials (username, "
							+ "password, domainName) in a Secrets Manager secret only, so the portal writes no SSM "
							+ "parameter: use arn:aws:secretsmanager:<region>:<account>:secret:<name>, or deliver "
							+ "the identity manually.");
		}
		return new SecretArn(arn, parts[3], parts[4], parts[5].substring(SECRET.length()));
	}

	/** How the secret is named in messages and logs: its name, region and account, never its value. */
	String describe() {
		return this.name + " (region " + this.region + ", account " + this.account + ")";
	}

}
